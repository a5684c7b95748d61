"""The Slack face's own controls and notices (buttons, the usage card, the privacy notice).

Guidance wording and the order of a result come from the core's outline; these are only
the words of Slack's controls and the Slack-specific notices.
"""

from __future__ import annotations

APP_NAME = "Guidance"  # modal titles hold at most 24 characters
BACK = "Back"
START_OVER = "Start over"
WHY = "Why?"
WHY_LABEL = "Why this is asked"
CONTINUE = "Continue"
NONE_TICKED = "Tick the options that apply (none is an answer too), then Continue."
PICK_TOPIC = ("*What is your question about?* Pick a topic, or describe the situation in a "
              "few words (no names or details that identify a patient).")
TOPICS = "Topics"
DESCRIBE_LABEL = "Describe the situation (no patient identifiers)"
DESCRIBE_HINT = ("A few words, e.g. “a patient sent me a friend request”. Nothing you type "
                 "is stored.")
FIND = "Find guidance"
DID_YOU_MEAN = "*Which of these fits best?*"
ALL_TOPICS = "Show all topics"
USE_PREFILL = "Use these answers"
ANSWER_MYSELF = "Answer each question"
SHARE = "Share a summary to the channel"
SHARED_BY = "Summary shared from a private guidance check. Sources:"
HELPFUL = "Was this helpful?"
YES = "Yes"
NO = "No"
THANKS = "Thank you: your vote was counted anonymously."
SHOW_MORE = "Show more ({page} of {pages})"
SHOW_LESS = "Previous"
RESULT_FALLBACK = "{word}: {headline}"
PRIVACY = ("Only you can see these messages. Do not type names or anything that identifies a "
           "patient or colleague: the bot keeps nothing you type, but Slack itself keeps "
           "your messages under your workspace's retention settings.")
PHI_TITLE = ":warning: *Please rephrase.*"
PHI_DELETE = "Consider deleting your message: it stays in Slack's history."
MENTION_OFFER = ("I answer privately, never in the channel. Start a private guidance check "
                 "here; only you will see it.")
START_PRIVATE = "Start privately"
CHECK_CLEAN = (":white_check_mark: The automatic check found no patient identifiers in that "
               "message. It cannot catch everything: read it once more before posting.")
CHECK_FLAGGED = ":warning: That message may identify a patient."
CHECK_OFFER = "Deciding whether and how to post a case?"
START_POSTING = "Check before posting"
POSTING_TOPIC = "posting-cases"
NOT_HERE = ("Slash commands cannot be used inside threads: use the command in the channel, "
            "a DM with the bot, or the “Get guidance” shortcut.")
RATE_LIMITED = "You have made many requests in the last minute; please wait a moment."
USAGE = (
    "*{command}*: private professionalism guidance in a few questions.\n"
    "• `{command}`: pick a topic\n"
    "• `{command} a few words about the situation`: find the topic for you\n"
    "• `{command} help`: this card\n"
    "• Send the bot a direct message, or use the *Get guidance* shortcut (⚡ menu)\n"
    "• *Check for patient identifiers* (the ⋯ menu on a message) checks a draft post\n"
    "Mentions in a channel get a private reply only. " + NOT_HERE
)
HOME_TITLE = "Professionalism guidance"
HOW_IT_WORKS = ("*How it works:* pick a topic or describe the situation, answer a few "
                "questions with buttons, and get a verdict with reasons, what to do, a reply "
                "you can send, and the sources. Change an answer with Back at any time.")
START = "Start a guidance check"
CONTENT_VERSION = "Topic {topic}: version {version}, reviewed {reviewed}"
ERROR = "Something went wrong on our side; please try again."
UNREADABLE = "That request could not be read. Use the command again to start over."
UNREADABLE_CLICK = "That button's data could not be read; start again from here."
