"""`build_app`: the bolt App with every entrance wired to the interview; the thin face.

Entrances: the slash command (its first screen is the ack's own ephemeral response), DMs,
@mentions (a private offer only, never a public reply), App Home, the message shortcut
"Check for patient identifiers", the global shortcut "Get guidance" (a modal), and every
click. Handlers ack first, then work: bolt runs each listener in the request's own thread
(`process_before_response`), so an ack is answered as soon as its listener returns, with
no hand-off to a pool and none of bolt's 10 ms polling for it, however busy the pools are.
What comes after the ack (a click's next screen and its reply, an event's reply) is handed
over by `later`: to the reply pool, or for views.open (its trigger_id lasts 3 s) to the
listener pool, which slow replies never fill. Replies to clicks replace the message in
place through that click's response_url (kept alive, with bounded retries), or update the
modal.
Two global middlewares run before any listener: a retried event seen by any replica is
dropped, and each person is held to a per-minute request limit. A third, the `Router`,
answers the two requests that are most of the traffic, the slash command and a click,
itself: bolt's listener matching built some 25 keyword arguments for each matcher and each
listener of every request (`build_required_kwargs`), a fifth of what a request cost the
bot in Python. Everything else (shortcuts, modals, events) reaches bolt's listeners.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any, Protocol

from slack_bolt import Ack, App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from decision_aid.core import KnowledgeBaseHolder
from decision_aid.core.phi import scan
from decision_aid.slack import home, ids, payloads, words
from decision_aid.slack.config import SlackConfig
from decision_aid.slack.delivery import Delivery, Fallback
from decision_aid.slack.flow import Interview, Where
from decision_aid.slack.logs import BOLT_LOGGER, bolt_logger, log_event
from decision_aid.slack.metrics import Metrics
from decision_aid.slack.result_blocks import share_message
from decision_aid.slack.screens import Screen
from decision_aid.slack.shared import SharedState
from decision_aid.slack.values import StaleState

Body = Mapping[str, Any]


class Later(Protocol):
    def __call__(self, body: Body, work: Callable[[], object], *, urgent: bool = False
                 ) -> None: ...


def build_app(config: SlackConfig, holder: KnowledgeBaseHolder, *, client: WebClient,
              shared: SharedState, metrics: Metrics, socket_mode: bool = False,
              verify_token: bool = True, executor: ThreadPoolExecutor | None = None,
              verified_upstream: bool = False,
              replies: ThreadPoolExecutor | None = None) -> App:
    """The App for these settings; `client` is already pointed at SLACK_API_URL.

    `verified_upstream`: the WSGI gate (wsgi.py) has checked every signature already, so
    bolt need not check it again; left False, bolt checks it too.
    """
    listeners = executor or listener_pool(config)
    app = App(client=client, name=BOLT_LOGGER, logger=bolt_logger(),
              signing_secret=config.signing_secret or "",
              request_verification_enabled=not (socket_mode or verified_upstream),
              token_verification_enabled=verify_token, process_before_response=True,
              listener_executor=listeners)
    interview = Interview(holder, config_codec(config), metrics,
                          jurisdiction=config.jurisdiction)
    # Work handed over by `later` already runs on a pool: it delivers in its own thread.
    delivery = Delivery(metrics, api_url=config.api_url, client=client)
    later = after_ack(listeners, replies or listeners)
    app.use(Gatekeeper(config, shared, metrics))
    app.use(Router(config, client, interview, delivery, later))
    _shortcuts_and_modals(app, client, interview, delivery, later)
    _events(app, client, interview, config, delivery, later)
    app.error(_on_error)
    return app


def after_ack(listeners: Executor, replies: Executor) -> Later:
    """`later(body, work)`: run `work` on the reply pool (`urgent`: on the listener pool)
    once the listener has returned and its ack gone out; an error in it is logged as a
    listener's error is."""
    def later(body: Body, work: Callable[[], object], *, urgent: bool = False) -> None:
        def run() -> None:
            try:
                work()
            except Exception as error:
                _log_error(error, body)

        (listeners if urgent else replies).submit(run)

    return later


def listener_pool(config: SlackConfig) -> ThreadPoolExecutor:
    """Listener threads sized for bursts (bolt's default is 5: slow replies missed acks)."""
    return ThreadPoolExecutor(max_workers=config.listener_threads,
                              thread_name_prefix="listener")


def start_over(config: SlackConfig, holder: KnowledgeBaseHolder, metrics: Metrics,
               executor: ThreadPoolExecutor) -> Callable[[Body], None]:
    """For a signed click the bot could not read (wsgi.py): the topic picker with a note,
    through its response_url, after the 200 (a command gets its note in the ack)."""
    interview = Interview(holder, config_codec(config), metrics,
                          jurisdiction=config.jurisdiction)
    delivery = Delivery(metrics, api_url=config.api_url, pool=executor)

    def notify(body: Body) -> None:
        url = body.get("response_url")
        if "command" in body or not delivery.allowed(url):
            return
        modal = isinstance(body.get("container"), Mapping) and \
            body["container"].get("type") == "view"
        if modal:
            return  # a modal has no response_url to reply through; Slack shows its error
        _replace(delivery, url, interview.picker(Where(), note=words.UNREADABLE_CLICK))

    return notify


def config_codec(config: SlackConfig) -> Any:
    from decision_aid.slack.values import Codec

    return Codec(config.state_key)


# -- middleware -------------------------------------------------------------------------------
class Gatekeeper(Middleware):
    """Before any listener: a retried event seen by any replica is dropped, and each person
    is held to a per-minute request limit. A Middleware of bolt's own kind, called with the
    request as is (a plain function would have its arguments built for every request)."""

    def __init__(self, config: SlackConfig, shared: SharedState, metrics: Metrics) -> None:
        self.config = config
        self.shared = shared
        self.metrics = metrics

    def process(self, *, req: BoltRequest, resp: BoltResponse,
                next: Callable[[], BoltResponse]) -> BoltResponse | None:
        body = req.body
        kind = payloads.kind_of(body)
        self.metrics.request(kind)
        key = payloads.delivery_key(body)
        if key is not None and not self.shared.first_delivery(key):
            self.metrics.duplicates.inc()
            log_event("request.duplicate", kind=kind)
            return BoltResponse(status=200, body="")
        limit = self.config.rate_limit
        user = _rate_key(body) if limit else None
        if user and not self.shared.allow(user, limit):
            self.metrics.rate_limited.inc()
            log_event("request.rate_limited", kind=kind)
            if kind == "command":
                return BoltResponse(status=200, body=json.dumps(
                    {"response_type": "ephemeral", "text": words.RATE_LIMITED}),
                    headers={"content-type": "application/json"})
            return BoltResponse(status=200, body="")
        return next()


def _rate_key(body: Body) -> str | None:
    kind = payloads.kind_of(body)
    inbound = payloads.event(body) if kind.startswith("event") else payloads.action(body) \
        if "command" not in body else payloads.command(body)
    return f"{inbound.team}:{inbound.user}" if inbound.user else None


# -- the slash command and clicks, routed without bolt's listener machinery -----------------
CLICK = re.compile(r"^da_")
"""Our buttons' action ids: anything else (a link button's, another app's) is no click of ours."""


class Router(Middleware):
    """After the gatekeeper: a slash command answered with its first screen in the ack, a
    click of ours acked empty with its next screen to follow (`later`); anything else goes
    on to bolt's listeners. As a listener's would be, an error is logged (never the body)
    and answered cleanly (`_on_error`)."""

    def __init__(self, config: SlackConfig, client: WebClient, interview: Interview,
                 delivery: Delivery, later: Later) -> None:
        self.config = config
        self.client = client
        self.interview = interview
        self.delivery = delivery
        self.later = later

    def process(self, *, req: BoltRequest, resp: BoltResponse,
                next: Callable[[], BoltResponse]) -> BoltResponse | None:
        body = req.body
        try:
            if body.get("command") == self.config.command:
                return self.command(body)
            actions = body.get("actions") if body.get("type") == "block_actions" else None
            if actions and CLICK.match(str(actions[0].get("action_id"))):
                return self.click(body, actions[0])
        except Exception as error:
            return _on_error(error, body)
        return next()

    def command(self, body: Body) -> BoltResponse:
        inbound = payloads.command(body)
        where = Where(can_share=not str(inbound.channel or "").startswith("D"))
        text = inbound.text.strip()
        if text.casefold() in ("help", "?", "-h", "--help"):
            screen = _usage(self.config)
        elif not text:
            screen = self.interview.picker(where)
        else:
            screen = self.interview.describe(text, where)
        del text, inbound
        log_event("command.answered", level=10)
        # what bolt's ack(response_type=, text=, blocks=) answers, in the same order
        return BoltResponse(status=200, body={"text": screen.text,
                                              "response_type": "ephemeral",
                                              "blocks": screen.blocks})

    def click(self, body: Body, action: dict[str, Any]) -> BoltResponse:
        home_tab = (body.get("view") or {}).get("type") == "home"  # opens a modal
        client, interview, delivery = self.client, self.interview, self.delivery
        self.later(body, lambda: _click(client, interview, delivery, body, action),
                   urgent=home_tab)
        return BoltResponse(status=200, body="")


def _usage(config: SlackConfig) -> Screen:
    from decision_aid.slack.screens import usage

    return usage(config.command)


def _where(body: Body) -> Where:
    container = body.get("container") or {}
    channel = str(container.get("channel_id") or "")
    return Where(modal=container.get("type") == "view",
                 can_share=bool(container.get("is_ephemeral")) and not channel.startswith("D"))


def _click(client: WebClient, interview: Interview, delivery: Delivery, body: Body,
           action: dict[str, Any]) -> None:
    """After a click's ack: the next screen, in place (message or modal)."""
    action_id = str(action.get("action_id", ""))
    kind = action_id.split(".")[0]
    view = body.get("view") or {}
    if view.get("type") == "home":
        if kind.startswith(ids.MULTI) or kind == ids.LINK:
            return
        screen = interview.click(action_id, action.get("value"), body, Where(modal=True))
        if screen is not None:
            _open_modal(delivery, client, body.get("trigger_id"), screen)
        return
    where = _where(body)
    if kind == ids.SHARE:
        _share(body, action, interview, delivery)
        return
    screen = interview.click(action_id, action.get("value"), body, where)
    if screen is None:
        return
    if where.modal:
        delivery.api("views.update", client.views_update, view_id=view.get("id"),
                     hash=view.get("hash"), view=modal_view(screen))
    else:
        _replace(delivery, body.get("response_url"), screen, _fallback(body))


def _fallback(body: Body) -> Fallback | None:
    """The person and channel of a click in a message, for a reply that cannot replace it."""
    inbound = payloads.action(body)
    channel = inbound.channel or payloads.container_channel(body)
    if not channel or not inbound.user:
        return None
    return Fallback(str(channel), str(inbound.user), inbound.thread_ts)


def _share(body: Body, action: dict[str, Any], interview: Interview, delivery: Delivery
           ) -> None:
    from decision_aid.core import next_step

    try:
        _, session = interview.codec.read(action.get("value"), interview.kb)
    except StaleState:
        return
    if session is None:
        return
    step = next_step(interview.kb, session)
    if hasattr(step, "result"):
        delivery.respond(body.get("response_url"), share_message(interview.kb, step.result))
        log_event("interview.shared", topic=session.topic)


def _replace(delivery: Delivery, url: object, screen: Screen,
             fallback: Fallback | None = None) -> None:
    delivery.respond(url, {"replace_original": True, "response_type": "ephemeral",
                           "text": screen.text, "blocks": screen.blocks}, fallback=fallback)


# -- shortcuts and modals --------------------------------------------------------------------
def modal_view(screen: Screen) -> dict[str, Any]:
    view: dict[str, Any] = {"type": "modal", "callback_id": ids.MODAL,
                            "title": {"type": "plain_text", "text": words.APP_NAME},
                            "close": {"type": "plain_text", "text": "Close"},
                            "blocks": screen.blocks, "private_metadata": screen.metadata}
    if screen.submit:
        view["submit"] = {"type": "plain_text", "text": screen.submit[:24]}
    return view


def _open_modal(delivery: Delivery, client: WebClient, trigger_id: object, screen: Screen
                ) -> None:
    if isinstance(trigger_id, str) and trigger_id:
        delivery.api("views.open", client.views_open, trigger_id=trigger_id,
                     view=modal_view(screen))


def _shortcuts_and_modals(app: App, client: WebClient, interview: Interview,
                          delivery: Delivery, later: Later) -> None:
    @app.shortcut(ids.GUIDANCE_SHORTCUT)
    def on_guidance(ack: Ack, body: Body) -> None:
        ack()
        later(body, lambda: _open_modal(delivery, client, body.get("trigger_id"),
                                        interview.picker(Where(modal=True))), urgent=True)

    @app.shortcut(ids.CHECK_SHORTCUT)
    def on_check(ack: Ack, body: Body) -> None:
        ack()
        later(body, lambda: _check(body, delivery))

    @app.view(ids.MODAL)
    def on_submit(ack: Ack, body: Body) -> None:
        view = body.get("view") or {}
        metadata = str(view.get("private_metadata") or "")
        where = Where(modal=True)
        if metadata == "describe":
            text = payloads.input_text(body, ids.DESCRIBE_BLOCK).strip()
            if not text:
                ack(response_action="update", view=modal_view(interview.picker(where)))
                return
            screen = interview.describe(text, where)
            del text
            refusal = screen.extra.get("refusal")
            if refusal:
                ack(response_action="errors", errors={ids.DESCRIBE_BLOCK: str(refusal)[:150]})
                return
        else:
            screen = interview.continue_modal(metadata, body)
        ack(response_action="update", view=modal_view(screen))


def _check(body: Body, delivery: Delivery) -> None:
    """After the message shortcut's ack: the PHI guard's finding, privately."""
    inbound = payloads.message_shortcut(body)
    report = scan(inbound.text)
    del inbound
    log_event("check.done", flagged=report.flagged)
    screen = home.check_result(report.warning() if report.flagged else None)
    delivery.respond(body.get("response_url"), {"response_type": "ephemeral",
                                                "replace_original": False,
                                                "text": screen.text, "blocks": screen.blocks})


# -- events (acked on arrival; the reply follows from the reply pool) --------------------------
def _events(app: App, client: WebClient, interview: Interview, config: SlackConfig,
            delivery: Delivery, later: Later) -> None:
    @app.event(ids.HOME_EVENT)
    def on_home(body: Body, event: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        later(body, lambda: delivery.api("views.publish", client.views_publish,
                                         user_id=event["user"],
                                         view=home.home_view(interview.kb)))

    @app.event(ids.MENTION_EVENT)
    def on_mention(body: Body) -> None:
        later(body, lambda: _mention(client, interview, delivery, body))

    @app.event(ids.MESSAGE_EVENT)
    def on_message(body: Body, event: dict[str, Any]) -> None:
        if payloads.is_plain_dm(event):
            later(body, lambda: _direct_message(client, interview, config, delivery, body))


def _mention(client: WebClient, interview: Interview, delivery: Delivery, body: Body) -> None:
    inbound = payloads.event(body)
    screen = home.mention_offer(interview, inbound.text)
    if inbound.channel and inbound.user:
        delivery.api("chat.postEphemeral", client.chat_postEphemeral,
                     channel=inbound.channel, user=inbound.user,
                     thread_ts=inbound.thread_ts, text=screen.text, blocks=screen.blocks)


def _direct_message(client: WebClient, interview: Interview, config: SlackConfig,
                    delivery: Delivery, body: Body) -> None:
    inbound = payloads.event(body)
    text = inbound.text.strip()
    if text.casefold() in ("help", "?"):
        screen = _usage(config)
    elif not text:
        screen = interview.picker(Where())
    else:
        screen = interview.describe(text, Where(), delete_hint=True)
    del text
    delivery.api("chat.postMessage", client.chat_postMessage,
                 channel=str(inbound.channel), text=screen.text, blocks=screen.blocks)


def _log_error(error: Exception, body: Body) -> str:
    """Log the error's type and where, never the body; the request's kind."""
    kind = payloads.kind_of(body) if isinstance(body, Mapping) else "unreadable"
    api = error.response.get("error") if isinstance(error, SlackApiError) else None
    log_event("listener.error", level=40, kind=kind, error=type(error).__name__,
              slack_error=str(api) if api else None)
    from decision_aid.slack.logs import log

    log.debug("listener.error.where", exc_info=error)
    return kind


def _on_error(error: Exception, body: Body) -> BoltResponse:
    """An error before the ack: logged (never the body), answered cleanly."""
    kind = _log_error(error, body)
    if kind == "command":
        return BoltResponse(status=200, body=json.dumps(
            {"response_type": "ephemeral", "text": words.ERROR}),
            headers={"content-type": "application/json"})
    return BoltResponse(status=200, body="")
