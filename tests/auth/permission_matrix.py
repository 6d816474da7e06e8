"""Who gets what from every route: the declared permission matrix, one line per endpoint of app.url_map.

tests/auth/test_permission_matrix.py walks every route as each role and fails on an answer that differs, on a
route without a line and on a line without a route: whoever adds a route declares here who may use it.

Roles (columns):
  anonymous  a visitor, not logged in, holding no personal link (routes of a link get an unknown one)
  member     a browser that opened a member's personal link /my/<access_token> (and so carries the phone cookie);
             routes of the link get that member's link, feed address and own opinion
  limited    staff limited to the standing committee: walked with its sitting, members and items, and for the
             cells `scoped` and `visitor` also with the chair meeting's
  staff      staff of every organ
  admin      an administrator (accounts, settings and the term, and everything staff do)

Outcomes (cells):
  ok       the view answers (a page, a file, a redirect that is not the login, a refused form)
  login    a redirect to the login page
  403      forbidden: the role may not do this
  404      not found: a visitor does not learn that the thing exists (drafts, members-only sittings, links)
  scoped   (limited) ok with its own organ's values, 404 with another organ's
  visitor  (limited) ok with its own organ's values and, as a visitor sees it, with another organ's
"""

from __future__ import annotations

ROLES = ("anonymous", "member", "limited", "staff", "admin")
OUTCOMES = ("ok", "login", "403", "404", "scoped", "visitor")

# endpoint                                anonymous member    limited   staff     admin
TABLE = """
# api: site cookies never authenticate the JSON API, so every role of the site is an anonymous caller there
# (tests/api walks the API's own tokens, scopes and personal links). The walked sitting is members-only (404 to
# an anonymous caller); a POST without a JSON body is refused as such (415) before any token is asked for.
api.get_attendance:                       403       403       403       403       403
api.get_member:                           403       403       403       403       403
api.get_organ:                            ok        ok        ok        ok        ok
api.get_sitting:                          404       404       404       404       404
api.give_opinion:                         ok        ok        ok        ok        ok
api.list_members:                         403       403       403       403       403
api.list_opinions:                        403       403       403       403       403
api.list_organs:                          ok        ok        ok        ok        ok
api.list_sittings:                        ok        ok        ok        ok        ok
api.openapi_document:                     ok        ok        ok        ok        ok
api_tokens.revoke:                        login     login     403       403       ok
api_tokens.tokens:                        login     login     403       403       ok

# audit
audit.export:                             login     login     403       403       ok
audit.log:                                login     login     403       403       ok

# auth
auth.accounts:                            login     login     403       403       ok
auth.change_password:                     login     login     ok        ok        ok
auth.disable_account:                     login     login     403       403       ok
auth.edit_account:                        login     login     403       403       ok
auth.enable_account:                      login     login     403       403       ok
auth.login:                               ok        ok        ok        ok        ok
auth.logout:                              ok        ok        ok        ok        ok
auth.new_account:                         login     login     403       403       ok
auth.reset_password:                      login     login     403       403       ok
auth.set_language:                        ok        ok        ok        ok        ok

# documents
documents.notice:                         login     login     scoped    ok        ok
documents.signin:                         login     login     scoped    ok        ok

# feeds
feeds.all_download:                       ok        ok        ok        ok        ok
feeds.all_ics:                            ok        ok        ok        ok        ok
feeds.index:                              ok        ok        ok        ok        ok
feeds.meeting_ics:                        404       404       scoped    ok        ok
feeds.member_download:                    404       ok        ok        ok        ok
feeds.member_ics:                         404       ok        ok        ok        ok
feeds.member_meeting_ics:                 404       ok        ok        ok        ok
feeds.my_page:                            404       ok        ok        ok        ok
feeds.my_reminder:                        404       ok        ok        ok        ok
feeds.my_rotate_token:                    404       ok        ok        ok        ok
feeds.organ_download:                     ok        ok        ok        ok        ok
feeds.organ_ics:                          ok        ok        ok        ok        ok
feeds.rotate_member_token:                login     login     scoped    ok        ok
feeds.subscribe_all:                      ok        ok        ok        ok        ok
feeds.subscribe_organ:                    ok        ok        ok        ok        ok

# followup
followup.answer:                          login     login     scoped    ok        ok
followup.assign:                          login     login     scoped    ok        ok
followup.compilation:                     login     login     ok        ok        ok
followup.decision_list:                   login     login     ok        ok        ok
followup.overdue:                         login     login     ok        ok        ok
followup.reopen:                          login     login     scoped    ok        ok
followup.sitting:                         login     login     scoped    ok        ok

# materials
materials.delete:                         login     login     scoped    ok        ok
materials.download:                       404       404       scoped    ok        ok
materials.member_download:                404       ok        ok        ok        ok
materials.onsite_download:                ok        ok        ok        ok        ok
materials.set_visibility:                 login     login     scoped    ok        ok
materials.upload:                         login     login     scoped    ok        ok

# meetings
meetings.cancel:                          login     login     scoped    ok        ok
meetings.detail:                          404       404       scoped    ok        ok
meetings.edit:                            login     login     scoped    ok        ok
meetings.home:                            ok        ok        ok        ok        ok
meetings.mark_held:                       login     login     scoped    ok        ok
meetings.meeting_list:                    ok        ok        ok        ok        ok
meetings.month:                           ok        ok        ok        ok        ok
meetings.new:                             login     login     ok        ok        ok
meetings.postpone:                        login     login     scoped    ok        ok
meetings.publish:                         login     login     scoped    ok        ok
meetings.publish_drafts:                  login     login     ok        ok        ok
meetings.renumber:                        login     login     scoped    ok        ok
meetings.reschedule:                      login     login     scoped    ok        ok

# members
members.add_sector:                       login     login     403       ok        ok
members.confirm_new_calendar_address:     login     login     scoped    ok        ok
members.deactivate:                       login     login     403       ok        ok
members.detail:                           ok        ok        visitor   ok        ok
members.directory:                        ok        ok        ok        ok        ok
members.edit_member:                      login     login     403       ok        ok
members.edit_organ:                       login     login     scoped    ok        ok
members.export:                           login     login     ok        ok        ok
members.import_confirm:                   login     login     403       ok        ok
members.import_form:                      login     login     403       ok        ok
members.import_preview:                   login     login     403       ok        ok
members.import_template:                  login     login     403       ok        ok
members.link_cards:                       login     login     ok        ok        ok
members.links_csv:                        login     login     ok        ok        ok
members.new_member:                       login     login     403       ok        ok
members.new_organ:                        login     login     403       ok        ok
members.organ_composition:                login     login     scoped    ok        ok
members.organ_detail:                     ok        ok        visitor   ok        ok
members.organs:                           ok        ok        ok        ok        ok
members.reactivate:                       login     login     403       ok        ok
members.rename_sector:                    login     login     403       ok        ok
members.sectors:                          ok        ok        ok        ok        ok
members.settings:                         login     login     403       403       ok

# minutes
minutes.approve:                          login     login     scoped    ok        ok
minutes.download:                         login     login     scoped    ok        ok
minutes.edit:                             login     login     scoped    ok        ok
minutes.member_download:                  404       ok        ok        ok        ok
minutes.share:                            login     login     scoped    ok        ok

# notices
notices.batch:                            login     login     scoped    ok        ok
notices.retry:                            login     login     scoped    ok        ok

# onsite
onsite.attendance_panel:                  login     login     scoped    ok        ok
onsite.checkin:                           ok        ok        ok        ok        ok
onsite.close_attendance:                  login     login     scoped    ok        ok
onsite.decide_leave:                      login     login     scoped    ok        ok
onsite.identify:                          ok        ok        ok        ok        ok
onsite.leave:                             ok        ok        ok        ok        ok
onsite.my_leave:                          404       ok        ok        ok        ok
onsite.not_me:                            ok        ok        ok        ok        ok
onsite.open_sitting_page:                 login     login     scoped    ok        ok
onsite.record_phone_leave:                login     login     scoped    ok        ok
onsite.reopen_attendance:                 login     login     scoped    ok        ok
onsite.rotate_access_token:               login     login     scoped    ok        ok
onsite.set_attendance:                    login     login     scoped    ok        ok
onsite.sitting_page:                      ok        ok        ok        ok        ok
onsite.table_card:                        login     login     scoped    ok        ok
onsite.table_cards:                       login     login     scoped    ok        ok

# opinions
opinions.collection:                      login     login     scoped    ok        ok
opinions.confirmation:                    404       ok        404       404       404
opinions.correct:                         login     login     scoped    ok        ok
opinions.desk:                            login     login     scoped    ok        ok
opinions.edit:                            404       ok        404       404       404
opinions.export:                          login     login     scoped    ok        ok
opinions.mark:                            login     login     scoped    ok        ok
opinions.record:                          login     login     scoped    ok        ok
opinions.submit:                          ok        ok        ok        ok        ok
opinions.withdraw:                        404       ok        404       404       404

# plans
plans.year_chart:                         ok        ok        ok        ok        ok
plans.adoption:                           login     login     403       ok        ok
plans.current:                            ok        ok        ok        ok        ok
plans.import_confirm:                     login     login     403       ok        ok
plans.import_csv:                         login     login     403       ok        ok
plans.import_preview:                     login     login     403       ok        ok
plans.item_delete:                        login     login     scoped    ok        ok
plans.item_edit:                          login     login     scoped    ok        ok
plans.item_move:                          login     login     scoped    ok        ok
plans.item_new:                           login     login     403       ok        ok
plans.publish:                            login     login     403       ok        ok
plans.schedule_item:                      login     login     scoped    ok        ok
plans.series_new:                         login     login     ok        ok        ok
plans.unpublish:                          login     login     403       ok        ok
plans.year:                               ok        ok        ok        ok        ok
plans.year_csv:                           ok        ok        ok        ok        ok

# records
records.chart_months:                     login     login     ok        ok        ok
records.chart_organs:                     login     login     ok        ok        ok
records.chart_sectors:                    login     login     ok        ok        ok
records.current:                          login     login     ok        ok        ok
records.current_member:                   login     login     ok        ok        ok
records.member_record:                    login     login     scoped    ok        ok
records.my_record:                        404       ok        ok        ok        ok
records.report:                           login     login     ok        ok        ok
records.report_csv:                       login     login     ok        ok        ok
records.report_docx:                      login     login     ok        ok        ok
records.restore_default_rules:            login     login     403       403       ok
records.rules:                            login     login     403       403       ok

# static
static:                                   ok        ok        ok        ok        ok
"""


def _parse(table: str) -> dict[str, tuple[str, ...]]:
    """Return {endpoint: cells} from TABLE (lines "endpoint: cell cell ..."; blank lines and # comments skipped)."""
    matrix = {}
    for line in table.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            endpoint, cells = line.split(":", 1)
            assert endpoint not in matrix, f"{endpoint} is declared twice"
            matrix[endpoint] = tuple(cells.split())
    return matrix


MATRIX = _parse(TABLE)
