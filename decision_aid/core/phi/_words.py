"""Word lists for the name heuristics: words that are not names, and common first names.

A capitalised word in chat is usually not a name ("Googled", "Facebook", "Monday"), and a
lower-case word after a patient word usually is not either; these lists let the name
detectors in :mod:`decision_aid.core.phi._names` tell the two apart. They are data, long and
edited on their own, so they live apart from the patterns that use them.
"""

from __future__ import annotations

# Words that look like names when capitalised but are not (checked lower-cased, with simple
# suffixes stripped, so "Googled" and "Instagram's" are caught too).
_STOP_TEXT = """
    a an the this that these those my our your his her their its i we you he she they it me us
    him them who whom whose which what when where why how there here any some all none each
    every and but or nor so if then than as at by for from in into of off on onto out over to
    up upon with within without via per about above after against along among around before
    behind below beneath beside between beyond during except inside near outside since through
    till toward towards under until yesterday today tonight tomorrow last next first second
    third new old former current recent another other same such very really just only also even
    still yet again already always never sometimes often ever maybe perhaps please sorry thanks
    thank hi hello hey dear ok okay yes no not re fwd fw ps btw fyi lol omg anyway apparently
    unfortunately recently basically actually obviously someone somebody anyone anybody
    everyone everybody nobody noone something anything everything nothing one two three four
    five six seven eight nine ten is are was were be been being am do does did done has have
    had having can could should would will shall may might must i'm i've i'd i'll im ive id ill
    it's its let lets let's good great happy quick question urgent help advice update note
    important saw seen see had got get gets posted post posts asked ask found find added add
    sent send messaged message tagged tag shared share received receive wondering wonder met
    meet treated treat admitted admit discharged discharge called call texted text emailed
    email wrote write told tell said say left leave took take gave give made make went go came
    come looked look searched search googled followed follow friended friend blocked block
    reported report tweeted tweet liked like commented comment replied reply spoke speak talked
    talk visited visit noticed notice thought think know knew wanted want need needs needed
    tried try monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu
    thur thurs fri sat sun january february march april june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec weekend morning
    afternoon evening night christmas easter ramadan diwali eid hanukkah thanksgiving halloween
    facebook fb instagram insta ig linkedin tiktok whatsapp twitter x yelp google youtube
    reddit snapchat snap threads mastodon bluesky doximity sermo slack teams zoom messenger
    telegram signal discord pinterest tumblr nextdoor ratemds healthgrades zocdoc trustpilot
    gofundme wechat viber skype facetime imessage gmail outlook hotmail yahoo icloud apple
    android iphone microsoft amazon meta epic cerner emis systmone wikipedia chatgpt openai
    substack medium twitch mumsnet glassdoor dr doctor doc prof professor nurse sister matron
    mr mrs ms miss mx sir madam consultant registrar resident attending intern physician
    surgeon gp colleague boss manager covid coronavirus emergency department hospital clinic
    ward unit bay bed room cubicle icu ed er internal medicine general surgery practice family
    primary care intensive critical royal university college trust health medical centre center
    foundation board council service services team safety complaints complaint pals hr legal
    comms communications policy guidance code conduct social media street road avenue lane
    north south east west saint st san santa los las fort port lake mount english british
    american irish scottish welsh indian chinese spanish french german polish muslim christian
    jewish hindu sikh experience liaison portal access records information education
    satisfaction relations rights forum group voice transport zero outcomes disease syndrome
    crohn parkinson alzheimer down hodgkin cushing addison graves bell huntington tourette
    asperger kawasaki lyme bipolar type accident a&e mental anyway sadly hopefully honestly
    times news journal herald gazette tribune daily weekly dm dms dmd dmed pm pms pmd pmed
    practitioner partner director chief assistant associate trainee student students physio
    physiotherapist pharmacist midwife paramedic receptionist secretary supervisor mentor
    therapist radiographer sonographer anaesthetist anesthetist psychiatrist psychologist
    dietitian dietician cardiologist dermatologist oncologist radiologist pathologist
    paediatrician pediatrician obstetrician neurologist specialist chaplain volunteer locum
    technician hca sho fy1 fy2 f1 f2 rn np cna emt coworker workmate teammate intern staff
    nursing senior junior charge lead clinical medical
"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())

# Common first names, used only to recognise lower-case names right after a patient or relative
# word ("my patient sarah jones"). Names that are also ordinary words (will, may, grace, max,
# mark, rose, jack) are left out on purpose.
_FIRST_NAME_TEXT = """
    james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony donald steven paul andrew joshua kenneth kevin brian george timothy ronald
    edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
    brandon benjamin samuel gregory alexander patrick raymond dennis jerry tyler aaron jose adam
    nathan henry peter zachary douglas harold kyle carl arthur gerald roger keith jeremy terry
    lawrence sean albert joe ethan austin jesse willie billy bryan bruce jordan ralph roy noah
    dylan alan juan wayne elijah randy vincent russell louis philip bobby johnny bradley liam
    oliver harry charlie oscar alfie leo archie freddie theo toby callum connor declan ciaran
    niall rhys owen gareth dafydd hamish angus mohammed muhammad mohammad mohamed ahmed ali omar
    hassan hussein ibrahim yusuf amir imran tariq bilal raj rahul arjun vikram sanjay ravi anil
    sunil deepak amit rohit priya anjali sunita anita neha pooja kavita lakshmi deepa meera
    nisha fatima aisha ayesha zainab maryam khadija noor yasmin leila carlos luis miguel jorge
    pedro alejandro diego javier maria carmen ana lucia sofia isabella valentina camila
    gabriela rosa elena wei hui ming xin mei ling chen kenji hiroshi yuki akira sakura hyun
    chidi emeka chinedu tunde oluwaseun kemi ngozi amara chioma adaeze kwame kofi abena mary
    patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
    margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma
    nicole helen samantha katherine christine debra rachel carolyn janet catherine diane julie
    joyce victoria kelly christina lauren joan evelyn olivia judith megan cheryl martha andrea
    frances hannah jacqueline ann gloria jean kathryn alice teresa sara janice doris madison
    julia judy abigail marie denise beverly danielle theresa sophia marilyn natalie diana
    brittany charlotte kayla alexis lori isla ava mia amelia poppy freya chloe ellie millie
    evie phoebe imogen niamh siobhan aoife ciara sinead bethan cerys rhiannon eilidh morag fiona
    kirsty shona gemma leanne kerry tracey stacey kayleigh zoe lucy sophie georgia jasmine kate
    katie becky jenny jess jessie tom tommy dave steve mike chris matt ben sam dan tim andy jim
    jimmy pete greg ken kenny ron tony jon josh alex jake luke stuart graham derek trevor nigel
    colin malcolm ian neil barry clive geoff geoffrey martin simon alistair duncan fraser craig
    euan jamie darren shane marcus jerome tyrone darnell deshawn latoya keisha tanisha shanice
    aaliyah imani ebony jamal malik andre doreen maureen eileen brenda gladys edna mildred
    agnes ethel irene norman stanley walter harold ernest herbert wilfred cyril
"""
FIRST_NAMES = frozenset(_FIRST_NAME_TEXT.split())

# Words for a member of staff: a name beside one identifies a colleague ("my registrar,
# Priya Shah", "a nurse named Grace"). Kept as a pattern (plurals and spellings vary).
STAFF_ROLES = (
    r"nurses?|doctors?|docs?|colleagues?|co-?workers?|workmates?|teammates?|consultants?"
    r"|registrars?|regs?|residents?|attendings?|surgeons?|physicians?|anaesthetists?"
    r"|anesthetists?|interns?|trainees?|students?|sho|fy[12]|f[12]|gps?|hcas?|rn|np|cna|emt"
    r"|(?:healthcare|nursing|care)\s+assistants?|physios?|physiotherapists?|pharmacists?"
    r"|midwi(?:fe|ves)|paramedics?|porters?|receptionists?|secretar(?:y|ies)|managers?"
    r"|boss|supervisors?|mentors?|matrons?|practitioners?|therapists?|radiographers?"
    r"|sonographers?|psychiatrists?|psychologists?|dieti[ct]ians?|cardiologists?"
    r"|dermatologists?|oncologists?|radiologists?|pathologists?|paediatricians?"
    r"|pediatricians?|obstetricians?|neurologists?|specialists?|chaplains?|locums?"
    r"|technicians?|social\s+workers?|directors?|chief|lead"
)
PLACE_PREFIX = frozenset(
    {
        "new",
        "north",
        "south",
        "east",
        "west",
        "san",
        "santa",
        "los",
        "las",
        "saint",
        "st",
        "fort",
        "port",
        "lake",
        "mount",
        "royal",
        "great",
    }
)


def is_stop(word: str) -> bool:
    """True for words that are capitalised in chat but are not names."""
    w = word.lower().rstrip(".,:;!?")
    for suffix in ("'s", "’s"):
        if w.endswith(suffix):
            w = w[: -len(suffix)]
    if w in _STOP_WORDS:
        return True
    for suffix in ("ing", "ed", "es", "s", "d"):
        if w.endswith(suffix) and w[: -len(suffix)] in _STOP_WORDS:
            return True
    return False
