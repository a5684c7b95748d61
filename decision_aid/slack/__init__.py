"""The Slack face: private guided interviews by slash command, DM, mention and shortcuts.

Modules by role: `config` (settings from the environment), `app` (`build_app`, the
listeners), `flow` (clicks to core calls), `screens`/`result_blocks`/`home` (Block Kit),
`blocks` (limits and folding), `values` (signed state in buttons), `payloads` (bodies to
values), `wsgi` (HTTP routes and the signature gate), `server` (gunicorn), `socket_mode`,
`shared` (Redis or in-process dedupe and rate limits), `delivery` and `response_url`
(replies, kept-alive), `retry`, `metrics`, `logs`.
Needs the `slack` extra: `pip install 'decision-aid[slack]'`.
"""
