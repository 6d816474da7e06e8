/* The sitting form (templates/meetings/form.html): touches that save clicks; the form works without them.
   - Activities (视察, 调研 …) have a leader (带队) and an assembly time and place; meetings are presided (主持):
     the assembly fields show, and the leader's label changes, with the kind chosen. The kinds that are activities
     are in the assembly box's data-kinds (JSON), the two labels in its data-led-by and data-presiding.
   - When staff choose another organ, that organ's default invitees are ticked (data-defaults of the invitees box,
     JSON by organ id); the reset button does the same without script. */
(function () {
  "use strict";

  function json(element, name, fallback) {
    try {
      return JSON.parse(element.getAttribute(name) || fallback);
    } catch (error) {
      return JSON.parse(fallback);
    }
  }

  function kindTouches() {
    var kind = document.getElementById("sitting_kind"), box = document.getElementById("assembly");
    var label = document.querySelector("label[for=presiding_member_id]");
    if (!kind || !box) return;
    var kinds = json(box, "data-kinds", "[]");
    function show() {
      var activity = kinds.indexOf(kind.value) !== -1;
      box.hidden = !activity;
      var word = box.getAttribute(activity ? "data-led-by" : "data-presiding");
      if (label && word) label.textContent = word;
    }
    kind.addEventListener("change", show);
    show();
  }

  function inviteeTouches() {
    var box = document.getElementById("invitees"), organ = document.getElementById("organ_id");
    if (!box || !organ) return;
    var defaults = json(box, "data-defaults", "{}");
    var counter = document.getElementById("invitee-count");
    function count() {
      if (counter) counter.textContent = box.querySelectorAll("input[name=invitee_ids]:checked").length;
    }
    organ.addEventListener("change", function () {
      var chosen = defaults[organ.value] || [];
      box.querySelectorAll("input[name=invitee_ids]").forEach(function (input) {
        input.checked = chosen.indexOf(parseInt(input.value, 10)) !== -1;
      });
      count();
    });
    box.addEventListener("change", count);
  }

  kindTouches();
  inviteeTouches();
})();
