"""Everything one bot process runs on, assembled from settings, with one-line start errors.

`assemble` loads the packs, builds a Web API client pointed at SLACK_API_URL with bounded
retries, checks the bot token with one `auth.test` call, and builds the App and (for
HTTP) the WSGI app. Any failure is a `StartupError` whose message is one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.error import URLError

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from decision_aid.core import KnowledgeBaseHolder, Layer, RulePackError
from decision_aid.slack.app import build_app, listener_pool, start_over
from decision_aid.slack.config import SlackConfig
from decision_aid.slack.logs import bolt_logger, pin_libraries
from decision_aid.slack.metrics import Metrics
from decision_aid.slack.retry import retry_handlers
from decision_aid.slack.shared import SharedState, shared_state
from decision_aid.slack.wsgi import SlackWsgi


class StartupError(Exception):
    """The bot cannot start; the message is one line for the operator."""


@dataclass
class Runtime:
    config: SlackConfig
    holder: KnowledgeBaseHolder
    client: WebClient
    shared: SharedState
    metrics: Metrics
    app: App
    wsgi: SlackWsgi | None
    executor: ThreadPoolExecutor
    replies: ThreadPoolExecutor
    """Replies after acks (response_url posts, Web API calls), apart from the listeners."""

    def drain(self) -> None:
        """Let every listener, then every reply it queued, finish (a clean stop)."""
        self.executor.shutdown(wait=True, cancel_futures=False)
        self.replies.shutdown(wait=True, cancel_futures=False)


def web_client(config: SlackConfig) -> WebClient:
    """Thread-safe; proxy from HTTPS_PROXY/HTTP_PROXY; 429/5xx retried, waits capped."""
    return WebClient(token=config.bot_token, base_url=config.api_url, timeout=10,
                     retry_handlers=retry_handlers(), logger=bolt_logger())


def check_token(client: WebClient, config: SlackConfig) -> None:
    try:
        client.auth_test()
    except SlackApiError as err:
        code = err.response.get("error", "refused")
        raise StartupError(f"SLACK_BOT_TOKEN was refused by Slack ({code}): copy the Bot "
                           "User OAuth Token (xoxb-...) from OAuth & Permissions, and "
                           "reinstall the app if it was revoked") from None
    except (URLError, OSError) as err:
        raise StartupError(f"cannot reach the Slack API at {config.api_url} "
                           f"({type(err).__name__}): check SLACK_API_URL and the proxy "
                           "settings (HTTPS_PROXY)") from None


def load_packs(layers: Sequence[Layer]) -> KnowledgeBaseHolder:
    try:
        holder = KnowledgeBaseHolder(layers)
    except RulePackError as err:
        raise StartupError(f"the rule packs have {len(err.problems)} error(s), the first: "
                           f"{err.problems[0].format() if err.problems else err}; "
                           "run `decision-aid rules lint`") from None
    if not holder.kb.topics:
        raise StartupError("no topics are loaded: check DECISION_AID_RULES and --rules")
    return holder


def assemble(config: SlackConfig, layers: Sequence[Layer], *, socket_mode: bool,
             holder: KnowledgeBaseHolder | None = None) -> Runtime:
    pin_libraries()
    holder = holder or load_packs(layers)
    client = web_client(config)
    check_token(client, config)
    shared = shared_state(config.redis_url)
    metrics = Metrics()
    executor = listener_pool(config)
    replies = ThreadPoolExecutor(max_workers=config.listener_threads,
                                 thread_name_prefix="reply")
    app = build_app(config, holder, client=client, shared=shared, metrics=metrics,
                    socket_mode=socket_mode, verify_token=True, executor=executor,
                    verified_upstream=not socket_mode, replies=replies)
    wsgi = None
    if not socket_mode:
        assert config.signing_secret is not None

        def ready() -> dict[str, bool]:
            checks = {"packs": bool(holder.kb.topics)}
            if config.redis_url:
                checks["redis"] = shared.ready()
            return checks

        wsgi = SlackWsgi(app, signing_secret=config.signing_secret, metrics=metrics,
                         ready=ready, unreadable=start_over(config, holder, metrics, replies),
                         seen=shared)
    return Runtime(config, holder, client, shared, metrics, app, wsgi, executor, replies)
