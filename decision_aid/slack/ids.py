"""The action, callback and block ids the bot sends and listens for, in one place.

The manifest test (tests/slack/test_manifest.py) checks deploy/'s manifests against these
and against the listeners `build_app` registers.
"""

from __future__ import annotations

PREFIX = "da_"

# Buttons and inputs (block_actions).
ANSWER = "da_answer"  # "<question>=<option> <state>"
MULTI = "da_multi"  # a checkbox group; its changes are only acknowledged
CONTINUE = "da_continue"  # "<question> <state>", selection read from state.values
BACK = "da_back"
RESTART = "da_restart"
WHY = "da_why"
RESUME = "da_resume"  # show the next step of the state (prefill confirmed or declined)
TOPIC = "da_topic"  # "<topic> " start a topic
PAGE = "da_page"  # "<page> <state>" another page of a folded result
SHARE = "da_share"
HELPFUL = "da_helpful"  # "yes|no <state>"
START_PRIVATE = "da_start_private"
OPEN_MODAL = "da_open_modal"  # from App Home: the interview in a modal
LINK = "da_link"  # a source link button: Slack still sends a click, only acknowledged

ACTIONS = (ANSWER, MULTI, CONTINUE, BACK, RESTART, WHY, RESUME, TOPIC, PAGE, SHARE, HELPFUL,
           START_PRIVATE, OPEN_MODAL, LINK)

# Shortcuts (callback ids; the manifests must use the same).
CHECK_SHORTCUT = "check_identifiers"  # message shortcut
GUIDANCE_SHORTCUT = "get_guidance"  # global shortcut

# Modals.
MODAL = "da_modal"  # the interview in a modal (view_submission: multi-choice Continue)
DESCRIBE_BLOCK = "da_describe"  # the free-text input of the modal's first screen
MULTI_BLOCK = "da_multi_"  # + question id

# Events the bot subscribes to: the bolt event type it listens for -> the manifest's name.
HOME_EVENT = "app_home_opened"
MENTION_EVENT = "app_mention"
MESSAGE_EVENT = "message"  # only DMs to the bot reach it: the manifest subscribes message.im
EVENTS = {HOME_EVENT: "app_home_opened", MENTION_EVENT: "app_mention",
          MESSAGE_EVENT: "message.im"}

# The bot's scopes, and why each is needed (least privilege: no channel history).
SCOPES = {
    "commands": "the slash command and both shortcuts",
    "chat:write": "private replies (chat.postEphemeral) and replies in DMs (chat.postMessage)",
    "im:history": "receiving DMs to the bot (message.im)",
    "app_mentions:read": "receiving @mentions, to offer a private start",
}
