"""The JSON API /api/v1/ for the office's other systems, its OpenAPI document, and the API tokens.

scopes.py and tokens.py are pure (what a scope allows, how a token looks and when it stops working);
models.py holds api_token; services.py and queries.py write and read it; caller.py says who is calling;
errors.py answers every error under /api/ as JSON; blueprint.py binds flask-smorest; the routes are in
sitting_views.py, people_views.py and opinion_views.py, the schemas in *_schemas.py; admin_views.py is the
admins' page of tokens.
"""
