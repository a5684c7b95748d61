"""Routing's word lists: how staff write (slang, abbreviations), common words, concepts.

Data only, edited on their own as the corpus shows new ways of saying things: phrase and
single-word rewrites that :mod:`~decision_aid.core.routing._normalise` applies to both the
user's text and the packs' wording, the common and negating words that carry no topic, and
the concept groups whose words stand for one broad idea in
:mod:`~decision_aid.core.routing._features`.
"""

from __future__ import annotations

# Several words at once, rewritten on the punctuation-free text before single words.
PHRASES: tuple[tuple[str, str], ...] = (
    (r"x rays?|xrays", "xray"),
    (r"tik toks?", "tiktok"),
    (r"face book", "facebook"),
    (r"linked in", "linkedin"),
    (r"whats apps?", "whatsapp"),
    (r"you tube", "youtube"),
    (r"snap chat", "snapchat"),
    (r"e mail(s|ed|ing)?", r"email\1"),
    (r"co workers?", "coworker"),
    (r"anti ?(vax|vacc?in)\w*", "antivax"),
    (r"med(ical)? stud(ent)?s?", "medical student"),
    (r"a (and )?e|emergency (department|room)|casualty", "ed"),
    (r"(another|other|fellow) (doctors?|physicians?|nurses?|residents?|registrars?)",
     "colleague"),
    (r"(team|work|ward|department|whatsapp) (whatsapp|chat|group)( chat)?|whatsapp group",
     "group chat"),
    (r"(friend|follow|connection) req(uest)?s?", r"\1 request"),
    (r"google (reviews?|ratings?|business( page)?|maps|page|listing)", "online review"),
    (r"(1|one|2|two) ?stars?( reviews?| ratings?)?", "one star rating"),
    (r"(ex|old|previous|past) (patients?|pts?)", r"former \2"),
    (r"sl(id|ide|iding|ides) into (my |your |his |her |their )?dms?", "direct messaged"),
    (r"look(s|ed|ing)? (\w+ )?up", r"search \2"),
    (r"read(ing)? up( on)?", "search"),
    (r"(on|to|from) x( formerly twitter)?", r"\1 twitter"),
    (r"voice (notes?|messages?|memos?)", "voice message"),
    (r"(in|into|from|at) (the )?or", r"\1 the operating room"),
    (r"or (selfies?)", r"operating room \1"),
)

# Single words: abbreviations, slang and variants -> one or more plain words.
WORDS: dict[str, str] = {
    "insta": "instagram", "ig": "instagram", "instas": "instagram",
    "fb": "facebook", "facebk": "facebook", "fbook": "facebook",
    "tweet": "twitter post", "tweets": "twitter posts", "tweeted": "posted on twitter",
    "tweeting": "posting on twitter", "retweet": "share on twitter",
    "retweeted": "shared on twitter", "wa": "whatsapp", "whatsap": "whatsapp",
    "watsapp": "whatsapp", "whatsapped": "messaged on whatsapp",
    "whatsapping": "messaging on whatsapp", "yt": "youtube", "linkdin": "linkedin",
    "snapchatted": "messaged on snapchat",
    "dm": "direct message", "dms": "direct messages", "dmd": "direct messaged",
    "dmed": "direct messaged", "dming": "direct messaging", "pm": "private message",
    "pmd": "private messaged", "pmed": "private messaged", "msg": "message",
    "msgs": "messages", "msgd": "messaged", "msged": "messaged", "txt": "text",
    "txted": "texted", "txtd": "texted", "sms": "text message", "imessage": "text message",
    "inboxed": "messaged", "gmail": "personal email", "hotmail": "personal email",
    "pt": "patient", "pts": "patients", "ptnt": "patient",
    "mum": "parent", "mom": "parent", "mam": "parent", "mummy": "parent", "mommy": "parent",
    "mother": "parent", "dad": "parent", "daddy": "parent", "father": "parent",
    "mums": "parents", "moms": "parents", "dads": "parents", "mothers": "parents",
    "fathers": "parents", "hubby": "husband", "missus": "wife",
    "coworker": "colleague", "coworkers": "colleagues", "workmate": "colleague",
    "workmates": "colleagues", "reg": "registrar", "sho": "junior doctor",
    "fy1": "junior doctor", "fy2": "junior doctor",
    "doc": "doctor", "docs": "doctors", "dr": "doctor", "drs": "doctors", "md": "doctor",
    "mds": "doctors", "medic": "doctor", "medics": "doctors",
    "meds": "medication", "bloods": "blood results", "labs": "lab results",
    "cxr": "chest xray", "ekg": "ecg", "pic": "photo", "pics": "photos", "piccy": "photo",
    "pix": "photos", "picture": "photo", "pictures": "photos", "vid": "video",
    "vids": "videos", "img": "image", "er": "ed",
    "dx": "diagnosis", "misdx": "misdiagnosis", "tx": "treatment", "rx": "prescription",
    "sx": "symptoms", "hx": "history",
    "friended": "friend requested", "friending": "friend requesting",
    "req": "request", "reqs": "requests",
    "wanna": "want to", "gonna": "going to", "gotta": "got to", "u": "you", "ur": "your",
    "pls": "please", "plz": "please", "abt": "about", "bc": "because", "cuz": "because",
    "coz": "because", "cos": "because", "okay": "ok", "k": "ok", "tho": "though",
}


_STOP_WORDS = """
a about above after again all am an and any anyone are as at be because been before being
below both but by can could did do does doing done for from further get gets getting got had
has have having he her here hers herself him himself his how i if in into is it its itself
just me might more most my myself now of off on once only or other our ours out over own
please really same she should so some someone something such than that the their theirs them
then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your yours yourself ok fine allowed want
wants wanted going like think thinking know need needs let lets also still even actually
stuff thing things anything everything somebody anybody im ive id hey hi thanks though yet
ever via one
"""
_NEGATION_WORDS = "not never no nor without isnt wasnt arent werent dont doesnt didnt"
STOP = frozenset(_STOP_WORDS.split())
NEGATORS = frozenset(_NEGATION_WORDS.split())

# Broad concepts: each word of a group also yields the group's name as a feature.
CONCEPTS = """
connect: friend friends add added adding follow following connect connecting connection
  accept accepting request requests
message: message messaged messaging messages text texted texting email emailed emailing
  whatsapp messenger inbox voice
post: post posted posting posts share shared sharing upload uploaded publish published blog
  thread story stories
image: xray photo photos image images scan scans mri ct ecg selfie video radiograph
  ultrasound
review: review reviews reviewed rating ratings rate rated yelp ratemds healthgrades trustpilot
  doctify zocdoc iwantgreatcare star stars
search: search searched searching google googled googling stalk stalked stalking snoop
  snooping cyberstalk lookup
trust: trust trusted trustworthy legit legitimate reliable credible believe genuine verify
  verified credentials licensed qualified
influencer: influencer influencers youtuber tiktoker creator followers podcast
doctor: doctor doctors physician physicians surgeon surgeons cardiologist dermatologist
  specialist gp
colleague: colleague colleagues registrar consultant attending junior senior peer peers
  teammate resident intern fellow nurse
family: parent parents wife husband spouse partner son daughter sister brother sibling
  relative relatives family carer caregiver kid child children grandparent
conduct: drunk racist sexist offensive mocking mock rant ranting inappropriate
  unprofessional derogatory moaning
misinformation: misinformation disinformation antivax quack unproven pseudoscience detox
  conspiracy
symptom: symptom symptoms pain rash fever temperature bleeding
medication: medication prescription dose refill repeat pills
result: results result blood lab test tests
ask: ask asks asked asking question questions query queries enquiry
"""
