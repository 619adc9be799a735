//! Facts read from the text itself: who leads, joins or leaves what, who founded, acquired or
//! invested in what, who launched or develops which product, what is part of what, who
//! competes with whom, who succeeded whom and who reports to whom; each with the sentence it
//! comes from as its quote, and a date when the sentence states one.
//!
//! Two mentions that follow each other in a sentence are related by the words between them
//! ("Airbus chief executive Tom Enders", "Tom Enders, who joined Airbus", "Microsoft's Xbox
//! Live", "Synopsys to acquire Ansys"), each pattern with the kinds its sides must be. Only
//! neighbouring mentions are compared and the words between them are bounded, so the cost is
//! linear in the text. What no pattern covers is left out: precision first.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use crate::model::{DocIdx, Entity, EntityKind, Fact, FactObject, FactOrigin, MatchHow, Mention};
use crate::text::date::{extract_dates, PartialDate, When};
use crate::text::sentence::sentences;

mod lists;

/// The kinds a side of a pattern may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    /// A person.
    P,
    /// An organisation.
    O,
    /// A chip, model or service.
    X,
}

impl K {
    fn of(kind: EntityKind) -> Self {
        match kind {
            EntityKind::Person => Self::P,
            EntityKind::Org => Self::O,
            _ => Self::X,
        }
    }
}

/// Which of the two mentions is the fact's subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    First,
    Second,
}

/// One pattern: the words between two mentions, and the fact they state.
struct Rule {
    /// A regular expression matching the whole gap, lower-cased, with spaces collapsed.
    gap: String,
    subject: Side,
    predicate: &'static str,
    subjects: &'static [K],
    objects: &'static [K],
    /// What the sentence must say before the first mention, when the gap alone is too weak
    /// ("This is Chad Tew for Wikinews", not "interviews Jane Roe for Wikinews").
    before: Option<Regex>,
    /// How the words just before the first mention must end, read as the gap is ("the chief
    /// executive of Airbus, Tom Enders": " the chief executive of ").
    lead_end: Option<Regex>,
    /// How the words just after the second mention must begin, read as the gap is ("Jane Roe,
    /// the State Department's senior official": " 's senior official ").
    follow: Option<Regex>,
    /// A past holder: the pattern itself says "former", so the fact is not dated by the
    /// document, and "former" before the first mention does not void it.
    former: bool,
    /// The first name must end with a word that names a unit ("the National Recording
    /// Preservation Board of the Library of Congress"; not "Google of the future").
    unit_first: bool,
    /// The object's name must end with a word that names a unit ("the Criminal Division").
    unit_object: bool,
    /// Other patterns may read the same pair too ("the Jets hired Rex Ryan as their head
    /// coach": he joins, and leads).
    more: bool,
}

impl Rule {
    fn after(mut self, before: &str) -> Self {
        self.before = Some(Regex::new(&format!("(?i)^(?:{before})$")).expect("a fact pattern is valid"));
        self
    }

    fn lead_end(mut self, end: &str) -> Self {
        self.lead_end = Some(Regex::new(&format!("(?:^|{LEAD_START})(?:{end}) $")).expect("a fact pattern is valid"));
        self
    }

    fn follow(mut self, start: &str) -> Self {
        self.follow = Some(Regex::new(&format!("^(?:{start})")).expect("a fact pattern is valid"));
        self
    }

    fn more(mut self) -> Self {
        self.more = true;
        self
    }

    fn unit_first(mut self) -> Self {
        self.unit_first = true;
        self
    }

    fn unit_object(mut self) -> Self {
        self.unit_object = true;
        self
    }

    fn former(mut self) -> Self {
        self.former = true;
        self
    }
}

/// Where a title read before a name may begin: the start of the sentence or a word that
/// does not qualify the title ("the", "our"; not "Deputy", "Texas", "former").
const LEAD_START: &str = " (?:the|our|its|their|his|her|and|with|by|from|alongside|said|says|added|wrote|told|met|meets|thanked|praised|interviewed|including|like|as|to|for|is|was|,|:|;|-|\\(|\u{2014}|\u{2013})";

/// What may follow a title read after an organisation's name ("Jane Roe, a NASA engineer,
/// said"): the end of the phrase, never another name ("Roe, Airbus chief executive Tom Enders").
const TITLE_END: &str = "(?:,|\\.|;|and|said|says|told|$)";

/// Titles of whoever leads an organisation.
const LEAD: &str = "(?:chief executive(?: officer)?|ceo|president(?: and (?:chief executive(?: officer)?|ceo))?|\
chair(?:man|woman|person)?(?: and (?:chief executive(?: officer)?|ceo))?|head|director|director[- ]general|\
administrator|secretary|secretary[- ]general|commissioner|leader|boss|managing director|executive director|\
governor|prime minister|premier|mayor|principal|dean|chancellor|coach|head coach|manager|captain|\
pastor|rector|bishop|archbishop|provost|superintendent|commander|\
(?:co-)?founder and (?:chief executive|ceo)|(?:chief executive|ceo|chair(?:man|woman)?|president) and (?:co-)?founder|chief)";

/// Other roles in an organisation: the person is part of it.
const ROLE: &str = "(?:spokes(?:man|woman|person)|official|analyst|engineer|researcher|scientist|advis[eo]r|\
economist|executive|(?:senior |executive )?vice[- ]president|member|lawyer|attorney|employee|officer|\
chief [a-z]+ officer|general counsel|professor|fellow|correspondent|reporter|editor|press secretary|\
deputy(?: [a-z]+){1,3}|senior(?: [a-z]+){1,2}|special (?:envoy|representative|advis[eo]r|counsel|assistant|rapporteur|agent)|associate(?: [a-z]+){1,2}|board member|partner|ambassador|envoy|\
representative|striker|midfielder|defender|goalkeeper|player|driver|pilot|astronaut|staff member|\
journalist|columnist|anchor|presenter|commentator|producer|linebacker|quarterback|pitcher|winger|forward|\
batsman|bowler|teammate|team-mate|legislator|lawmaker|diplomat|aide|staffer|consultant|negotiator|inspector|\
investigator|prosecutor|physician|surgeon|nurse|teacher|student|graduate|alumnus|alumna|intern)";

/// Words that may stand between a verb and the product it names ("unveiled its new Trainium2
/// chip"): qualifiers and kinds of product, never a preposition ("a rival to `ChatGPT`").
const PRODUCT_WORDS: &str = "(?: (?:new|latest|next-generation|first|second|third|own|upgraded|updated|flagship|custom|in-house|open-source|open|ai|generative|language|large|reasoning|video|image|mobile|cloud|chip|chips|processor|processors|accelerator|accelerators|model|models|service|services|platform|app|assistant|chatbot|system|software|product|version|family|series|gpu|gpus|cpu|cpus|tool|tools|device|devices|engine|browser|operating|search|game|console|aircraft|jet|jetliner|vaccine|drug|smartphone|phone|satellite|rocket|spacecraft|car|vehicle))";

/// An amount of money.
const AMOUNT: &str = r"(?P<amt>(?:us ?)?[$€£¥] ?\d[\d,.]*(?: ?(?:trillion|billion|million|bn|mn|m|b))?|\d[\d,.]* (?:trillion|billion|million) (?:dollars|euros|pounds|yen))";

/// Words that may come between a relative pronoun or a subject and its verb.
const AUX: &str = r"(?: ,)?(?: (?:who|which|that))?(?: (?:has|have|had|'s|been|will|is|was|were|are|also|recently|officially|formally|now|then|later|eventually|finally|first))*";

/// A possessive after the first mention: "Airbus's", "Airbus'".
const POSS: &str = "(?: (?:'s|'))?";

/// A courtesy title before a person's name, which the name does not include ("Dr. Eric Lander").
const HONORIFIC: &str = r"(?: (?:dr|mr|mrs|ms|prof|sir|dame)\.?)?";

/// An optional comma.
const COMMA: &str = "(?: ,)?";

fn rules() -> Vec<Rule> {
    use Side::{First, Second};
    use K::{O, P, X};
    let r = |gap: String, subject, predicate, subjects: &'static [K], objects: &'static [K]| Rule {
        gap: format!("^{gap}{HONORIFIC} $"),
        subject,
        predicate,
        subjects,
        objects,
        before: None,
        lead_end: None,
        follow: None,
        former: false,
        unit_first: false,
        unit_object: false,
        more: false,
    };
    let v = |verbs: &str| format!("{AUX} (?:{verbs})(?: the)?");
    let qualifier = "(?: (?:new|interim|acting|current))?";
    let article = "(?: (?:the|its|a|an))?";
    let relative =
        "(?: (?:who|as)(?: (?:is|was|has been|will be|became|becomes))?(?: now)?| (?:is|remains|'m|am)(?: now)?)?";
    vec![
        // "Airbus chief executive Tom Enders", "FTC Chair Lina M. Khan", "Airbus' boss, Tom Enders".
        r(format!("{POSS}{qualifier} (?P<t>{LEAD}){COMMA}"), Second, "leads", &[P], &[O]),
        r(format!("{POSS} (?P<t>{ROLE})s?{COMMA}"), Second, "part_of", &[P], &[O]),
        // "Quri Resources, Inc. and its CEO Jaime Santiago Gomez", "Atlantis Technology Group and
        // CEO Christopher Dubeau": without "its", only a company's titles ("Apple and
        // President Biden" is two parties).
        r(format!("{COMMA} and (?:its|their){qualifier} (?P<t>{LEAD}){COMMA}"), Second, "leads", &[P], &[O]),
        r(format!("{COMMA} and (?P<t>ceo|chief executive(?: officer)?|chair(?:man|woman)|managing director){COMMA}"), Second, "leads", &[P], &[O]),
        // "McLaren drivers and championship rivals Juan Pablo Montoya and Kimi Raikonnen": a
        // second plural that says more of the same people.
        r(format!("{POSS} (?P<t>{ROLE})s and(?P<mods>(?: [a-z-]+){{0,2}}) [a-z-]+s{COMMA}"), Second, "part_of", &[P], &[O]),
        // "National Security Council Senior Director for Global Health Security and
        // Biodefense, Dr. Beth Cameron": what the role covers, then a comma.
        r(format!("{POSS} (?P<t>{ROLE}) (?:for|of) [a-z&-]+(?: (?:and |for |of )?[a-z&-]+){{0,5}} ,"), Second, "part_of", &[P], &[O]),
        r(format!("{POSS} (?P<t>(?:head|director|chief|manager|vice president) of [a-z]+(?: [a-z]+){{0,2}}){COMMA}"), Second, "part_of", &[P], &[O]),
        // "Al Qaeda's leader in Iraq Abu Musab al-Zarqawi", "Airbus' spokesman for Asia, Jane
        // Roe": a title for a place or a field is held within the organisation, not over it.
        r(format!("{POSS} (?P<t>(?:{LEAD}|{ROLE}) (?:in|for)(?P<mods> [a-z]+(?: [a-z]+)?)){COMMA}"), Second, "part_of", &[P], &[O]),
        r(format!("{POSS} (?:co-?)?founder{COMMA}"), Second, "founded", &[P], &[O]),
        // "Tom Enders, chief executive of Airbus", "Lina Khan, who is chair of the FTC".
        r(format!("{COMMA}{relative}(?: (?:the|its))?{qualifier} (?P<t>{LEAD}|lead) (?:of|at|for)(?: the)?"), First, "leads", &[P], &[O]),
        r(format!("{COMMA}{relative}{article} (?P<t>{ROLE}) (?:of|at|for|with)(?: the)?"), First, "part_of", &[P], &[O]),
        // "Dr. Schuchat is the interim deputy director for science and public health program at
        // the Centers for Disease Control", "Jane Roe, director for Asia at Airbus": a title
        // over a field, then where it is held, makes a member.
        r(
            format!("{COMMA}{relative}{article}{qualifier} (?P<t>(?:{ROLE}|{LEAD}) (?:for|of)(?P<field>(?: [a-z&-]+){{1,6}})) at(?: the)?"),
            First,
            "part_of",
            &[P],
            &[O],
        ),
        // "Christopher A. Wray, Director, FBI": a title between commas, the organisation after.
        r(format!(" , (?P<t>{LEAD}) ,"), First, "leads", &[P], &[O]),
        // "Ron Ecker, director of planning for the Areawide Agency", "Jane Roe, head of sales
        // at Airbus": a head of a field is one of the organisation's people, not its head.
        r(
            format!("{COMMA}{relative}{article}(?: (?:general|deputy|assistant|associate))? (?P<t>(?:director|head|chief|manager|vice president) of(?P<mods>(?: [a-z-]+){{1,3}})) (?:for|at|with)(?: the)?"),
            First,
            "part_of",
            &[P],
            &[O],
        ),
        // "Brian A. Benczkowski, Assistant Attorney General of the Justice Department's
        // Criminal Division": the assistant heads the unit.
        r(
            format!("{COMMA}{relative}{article} (?P<t>assistant (?:attorney general|secretary|administrator)) (?:of|for)(?: the)?"),
            First,
            "leads",
            &[P],
            &[O],
        )
        .unit_object(),
        // "Piers Morgan, who is now a TV news journalist for CNN": qualifiers after a comma
        // (not "former", not a verb: see `MODIFIER_STOP`).
        r(format!(" ,{relative}{article}(?P<mods>(?: [a-z-]+){{1,2}}) (?P<t>{ROLE}) (?:of|at|for|with)(?: the)?"), First, "part_of", &[P], &[O]),
        // "the chief executive of Airbus, Tom Enders"; "a spokesman for Airbus, Jane Roe".
        r(COMMA.into(), Second, "leads", &[P], &[O]).lead_end(&format!("(?: (?:new|acting|interim|current))? (?P<t>{LEAD}) (?:of|at|for)(?: the)?")),
        r(COMMA.into(), Second, "part_of", &[P], &[O]).lead_end(&format!("(?: (?:a|an|one))? (?P<t>{ROLE}) (?:of|at|for|with)(?: the)?")),
        // "our Democratic leader in the House of Representatives, Nancy Pelosi": a title held
        // in the organisation makes a member of it.
        r(COMMA.into(), Second, "part_of", &[P], &[O])
            .lead_end(&format!("(?: (?:a|an|one|the|our|their|its))?(?P<mods>(?: [a-z-]+){{0,2}}) (?P<t>{LEAD}|{ROLE}) in(?: the)?")),
        // "Jane Roe, the Foreign Ministry's director general"; "Roe is the State Department's
        // most senior official": the title after the organisation.
        r("(?: ,(?: (?:is|was|remains|became|becomes))?| (?:is|was|remains|became|becomes))(?: the)?".into(), First, "leads", &[P], &[O])
            .follow(&format!(" (?:'s|')(?: (?:new|acting|interim|current))? (?P<t>{LEAD}) (?:,|\\.|;|and|said|says|$)")),
        r("(?: ,(?: (?:is|was|remains|became|becomes))?| (?:is|was|remains|became|becomes))(?: the)?".into(), First, "part_of", &[P], &[O])
            .follow(&format!(" (?:'s|')(?P<mods>(?: [a-z-]+){{0,3}}) (?P<t>(?:{ROLE}|{LEAD})(?: (?:of|for) [a-z&.-]+)?) ")),
        // "Tom Enders, Airbus chief executive, said"; "Jane Roe, a NASA engineer, said"; "Roe is
        // an FTC official": the organisation names the title that follows it, which ends there.
        r("(?: ,(?: (?:is|was|remains|became|becomes))?| (?:is|was|remains|became|becomes))(?: (?:the|its))?".into(), First, "leads", &[P], &[O])
            .follow(&format!("(?: (?:new|acting|interim|current))? (?P<t>{LEAD}) {TITLE_END}")),
        r("(?: ,(?: (?:is|was|remains|became|becomes))?| (?:is|was|remains|became|becomes))(?: (?:a|an|the|one))?".into(), First, "part_of", &[P], &[O])
            .follow(&format!("(?P<mods>(?: [a-z-]+){{0,2}}) (?P<t>{ROLE}) {TITLE_END}")),
        // A past holder: "former Google CEO Eric Schmidt", "Jane Roe, a former McLaren driver",
        // "Jane Roe, former chief executive of Airbus".
        r(format!("{POSS} (?:{LEAD}|{ROLE})s?{COMMA}"), Second, "leaves", &[P], &[O]).lead_end(" (?:former|ex-)").former(),
        r(format!("{COMMA}(?: (?:a|the|its))? former"), First, "leaves", &[P], &[O]).follow(&format!("(?: \\([^)]*\\))? (?:{LEAD}|{ROLE})s? ")).former(),
        r(format!("{COMMA}(?: (?:a|the|its))? former (?:{LEAD}|{ROLE}) (?:of|at|for|with)(?: the)?"), First, "leaves", &[P], &[O]).former(),
        r(format!("{COMMA}{relative}{article} (?:co-?)?founder(?: and(?: [a-z-]+){{1,4}})? of(?: the)?"), First, "founded", &[P], &[O]),
        // "Richard Aboulafia of the Teal Group".
        // "chief executive Tim Cook of Apple".
        r(" of(?: the)?".into(), First, "leads", &[P], &[O]).lead_end(&format!("(?: (?:new|acting|interim|current))? (?P<t>{LEAD})")),
        // "Assistant Attorney General Alice S. Fisher of the Criminal Division": an assistant
        // secretary, attorney general or administrator heads the unit named after "of".
        r(" (?:of|for) the".into(), First, "leads", &[P], &[O])
            .lead_end("(?: acting)? (?P<t>assistant (?:attorney general|secretary|administrator))")
            .unit_object(),
        r(format!("{COMMA} of(?: the)?"), First, "part_of", &[P], &[O]),
        // Verbs.
        r(v("join|joins|joined|joining|rejoined|rejoins"), First, "joins", &[P, O], &[O]).more(),
        // The organisation acts: "Airbus named Tom Enders its new chief executive" reads in the
        // gap before the person only as far as the verb ("hired", "appointed", "named"), so the
        // title comes before the name ("appointed as chief executive Tom Enders") or not at all.
        r(
            v("hired|hires|appointed|appoints|named|names|tapped|taps|picked|picks|chose|chooses|selected|selects")
                + &format!("(?: as)?(?: (?:its|their|a|the))?(?: new)? (?P<t>{LEAD})(?: ,)?"),
            Second,
            "leads",
            &[P],
            &[O],
        ),
        // "the Jets hired Rex Ryan to be their new head coach", "Airbus named Tom Enders its
        // chief executive", "Tom Enders joined Airbus as chief executive in 2005": the title
        // after the second name; the hire or the joining is read too.
        r(v("hired|hires|appointed|appoints|named|names|tapped|taps|picked|picks|chose|chooses|selected|selects|promoted|promotes"), Second, "leads", &[P], &[O])
            .follow(&format!("(?: ,)?(?: (?:as|to be|to become))?(?: (?:its|their))(?: (?:new|next|interim|acting))? (?P<t>{LEAD}) (?:,|\\.|;|and|in|on|from|after|to|effective|$)"))
            .more(),
        // "Google appointed Sundar Pichai as chief executive in 2015": "as" and the title, no
        // possessive.
        r(v("hired|hires|appointed|appoints|named|names|tapped|taps|picked|picks|chose|chooses|selected|selects|promoted|promotes"), Second, "leads", &[P], &[O])
            .follow(&format!("(?: ,)? as(?: the)?(?: (?:new|next|interim|acting))? (?P<t>{LEAD}) (?:,|\\.|;|and|in|on|from|after|effective|$)"))
            .more(),
        // "the Jets hired Raven's defensive coordinator, Rex Ryan, to be their new head coach":
        // a few words describe the person before the name in commas, and a head's title follows.
        r(v("hired|hires|appointed|appoints|named|names|tapped|taps|picked|picks|recruited|recruits|poached|poaches") + "(?P<mods>(?: [a-z'-]+){1,4}) ,", Second, "leads", &[P], &[O])
            .follow(&format!(" , (?:as|to be|to become) (?:its|their)(?: (?:new|next|interim|acting))? (?P<t>{LEAD}) (?:,|\\.|;|and|in|on|from|after|effective|$)"))
            .more(),
        r(v("hired|hires|recruited|recruits|poached|poaches") + "(?P<mods>(?: [a-z'-]+){1,4}) ,", Second, "joins", &[P], &[O])
            .follow(&format!(" , (?:as|to be|to become) (?:its|their)(?: (?:new|next|interim|acting))? (?:{LEAD}) (?:,|\\.|;|and|in|on|from|after|effective|$)")),
        r(v("joined|joins|rejoined|rejoins"), First, "leads", &[P], &[O])
            .follow(&format!("(?: ,)?(?: as)(?: (?:its|their|the))?(?: (?:new|next|interim|acting))? (?P<t>{LEAD}) (?:,|\\.|;|and|in|on|from|after|effective|$)"))
            .more(),
        r(v("hired|hires|recruited|recruits|poached|poaches|brought in|signed|signs"), Second, "joins", &[P], &[O]),
        // "Jane Roe serves on the Appropriations Committee", "she has been serving at the NSC",
        // "Roe works for Airbus".
        r(format!("{AUX} (?:(?:serves|served|serving) (?:at|for|in|on|with)|(?:works|worked|working) (?:at|for))(?: the)?"), First, "part_of", &[P], &[O]),
        r(v("fired|fires|ousted|ousts|dismissed|dismisses|sacked|sacks"), Second, "leaves", &[P], &[O]),
        r(format!("{POSS} (?:departure|exit|resignation|retirement) (?:from|at)(?: the)?"), First, "leaves", &[P], &[O]),
        // "Bernadette Meehan's last day at the White House"; "Today is her last day at the
        // White House" (the pronoun stands for the person just named: `with_pronouns`).
        r(format!("{POSS} (?:last|final) (?:day|week) (?:at|with|in)(?: the)?"), First, "leaves", &[P], &[O]),
        r(
            v("left|leaves|leave|leaving|quit|quits|departed|departs|departing|exited|exits|(?:stepped|steps|step|stepping) down(?: as [a-z -]{1,40})? (?:from|at|of)|(?:resign|retire)(?:d|s|ed)? (?:from|as [a-z -]{1,40} (?:of|at))"),
            First,
            "leaves",
            &[P],
            &[O],
        ),
        r(
            v(&format!("leads|led|heads|headed|runs|ran|chairs|chaired|lead|head|run|chair|took over|takes over|(?:became|becomes|become|was named|is named|was appointed|is appointed|has been named|has been appointed|named|is|remains|has been|(?:was|has been|is) (?:hired|chosen|selected|tapped|picked|named|appointed) as)(?: (?:the|its))?(?: new)? (?P<t>{LEAD})(?: since (?:\\d{{4}}|[a-z]+ \\d{{4}}))? (?:of|at)")),
            First,
            "leads",
            &[P],
            &[O],
        ),
        r(v("founded|co-founded|cofounded|founds|established|establishes|set up|sets up|formed|forms|created|creates"), First, "founded", &[P, O], &[O]),
        r(
            v("acquired|acquires|acquire|acquiring|bought|buys|buy|buying|purchased|purchases|took over|takes over|completed (?:its |the )?(?:acquisition|purchase|takeover) of|agreed to (?:buy|acquire|purchase|take over)|(?:'s )?(?:acquisition|purchase|takeover) of"),
            First,
            "acquired",
            &[O, P],
            &[O, X],
        ),
        r(
            format!("{AUX}(?: to)? (?:invest|invests|invested|investing|adds|added|commits|committed|pours|poured|puts|put)(?: (?:an additional|another|a further))? {AMOUNT}(?: more)? (?:in|into|to)(?: (?:the|its))?"),
            First,
            "invested_in",
            &[O, P],
            &[O],
        ),
        r(format!("{POSS} {AMOUNT} investment in(?: the)?"), First, "invested_in", &[O, P], &[O]),
        r(
            v("launched|launches|launch|launching|unveiled|unveils|unveil|released|releases|release|introduced|introduces|introduce|debuted|debuts|rolled out|rolls out|announced|announces|shipped|ships")
                + "(?: (?:its|their|a|an|the))?" + PRODUCT_WORDS + "{0,3}(?: ,)?",
            First,
            "launched",
            &[O],
            &[X],
        ),
        r(
            v("develops|developed|developing|makes|made|builds|built|designs|designed|manufactures|manufactured|produces|produced|created|creates|trains|trained|operates|operated|maintains|maintained|(?:the )?(?:maker|developer|creator|operator) of")
                + "(?: (?:its|their|a|an|the))?" + PRODUCT_WORDS + "{0,2}(?: ,)?",
            First,
            "develops",
            &[O],
            &[X],
        ),
        // "Microsoft's Xbox Live", "Anthropic's latest model – the upgraded Claude 3.5 Sonnet".
        r(
            " (?:'s|')(?: (?:new|latest|upcoming|next|flagship|own|first|popular|forthcoming))*(?: (?:ai|language|video|mobile|operating|search|chat|cloud|model|system|chip|processor|game|app|service|platform|software|product|assistant|browser|engine|model,|chatbot)){0,3}(?: [-–—,])?(?: the)?(?: (?:new|upgraded|latest|updated))?"
                .into(),
            First,
            "develops",
            &[O],
            &[X],
        ),
        // "the iPhone, Apple's signature smartphone product": the product, then its maker's
        // possessive naming a kind of product.
        r(format!("{COMMA}(?: the)?"), Second, "develops", &[O], &[X]).follow(
            " (?:'s|')(?P<mods>(?: [a-z-]+){0,2}) (?:product|smartphone|phone|chip|processor|model|aircraft|airliner|jet|jetliner|plane|car|vehicle|rocket|spacecraft|console|browser|app|chatbot|assistant|service|platform|software|operating system|device|vaccine|drug|satellite|game|engine)s? ",
        ),
        // "Epic Games, owner of Fortnite"; "Meta, owner of Instagram".
        r(format!("{COMMA}{article} (?:owner|maker|developer|publisher|creator|manufacturer|operator) of(?: the)?"), First, "develops", &[O], &[X]),
        r(format!("{COMMA}{article} (?:owner|operator) of(?: the)?"), Second, "part_of", &[O], &[O]),
        // Credits and affiliations: "Juan Pablo Montoya (McLaren)", "Chad Tew for Wikinews",
        // "I am Chad Tew and this is Wikinews".
        r(" \\(".into(), First, "part_of", &[P], &[O]),
        r(" (?:for|and this is)".into(), First, "part_of", &[P], &[O]).after("(?:this is|i am|i'm|by|reporting|reported by|written by)"),
        // Passives: the second mention is the subject.
        r(format!("{COMMA}(?: (?:which|that|who))?(?: (?:was|were|has been|had been|is being|will be|is|are))? (?:acquired|bought|purchased|taken over) by(?: the)?"), Second, "acquired", &[O, P], &[O, X]),
        r(format!("{COMMA}(?: (?:which|that|who))?(?: (?:was|were|has been|had been|is|are))? (?:co-)?(?:founded|established|set up|started|formed) by(?: the)?"), Second, "founded", &[P, O], &[O]),
        r(format!("{COMMA}(?: (?:which|that))?(?: (?:was|were|is|are|has been))? (?:developed|made|built|designed|manufactured|produced|created|trained) by(?: the)?"), Second, "develops", &[O], &[X]),
        r(format!("{COMMA}(?: (?:which|that))?(?: (?:was|were|is|are|has been))? (?:led|headed|run|chaired) by(?: the)?"), Second, "leads", &[P], &[O]),
        // "Rona Ambrose, Minister of Environment, being replaced by Treasury Board President
        // John Baird": an apposition before the verb, a title after it.
        r(format!("{COMMA}(?: [a-z-]+(?: [a-z-]+){{0,5}} ,)?(?: (?:who|which))?(?: (?:was|were|is|has been|will be|being|is being|to be))? (?:succeeded|replaced) by(?: the)?(?P<mods>(?: [a-z-]+){{0,3}})"), First, "succeeded_by", &[P], &[P]),
        r(v("succeeds|succeeded|succeed|succeeding|replaces|replaced|replace|replacing|took over from|takes over from|take over from"), Second, "succeeded_by", &[P], &[P]),
        r(v("reports|reported|report|reporting") + "(?: directly)? to(?: the)?", First, "reports_to", &[P], &[P, O]),
        // Part of: "the Criminal Division, part of the Justice Department", "BARDA, a unit of HHS".
        r(format!("{COMMA}(?: (?:which|that) is| is| was)?(?: now)?(?: (?:a|an|the))? (?:(?:unit|division|subsidiary|arm|agency|office|bureau|branch|component|affiliate|department|part|member|section|institute|center|centre|laboratory|lab|program|programme|project|operating company) (?:of|within|at|in|under)|part of|within|owned by)(?: the)?"), First, "part_of", &[O, X], &[O]),
        // "the National Recording Preservation Board of the Library of Congress", "the
        // Criminal Division of the Justice Department".
        r(" of the".into(), First, "part_of", &[O], &[O]).unit_first(),
        // "Gateway Services and its subsidiary Gateway US Holdings".
        r(format!("{COMMA} and its (?:subsidiary|subsidiaries|unit|division|affiliate|arm)(?: ,)?"), Second, "part_of", &[O], &[O]),
        r(format!("{COMMA} and its (?:parent|parent company|owner)(?: ,)?"), First, "part_of", &[O], &[O]),
        r(format!("{COMMA}(?: the)? parent(?: company)? of(?: the)?"), Second, "part_of", &[O], &[O]),
        r(format!("{POSS} (?:parent(?: company)?|owner){COMMA}"), First, "part_of", &[O], &[O]),
        r(" (?:'s|')".into(), Second, "part_of", &[O], &[O]),
        // "Microsoft's Brad Smith".
        r(" (?:'s|')".into(), Second, "part_of", &[P], &[O]),
        // "ChatGPT from OpenAI", "Claude 3.5 Sonnet, by Anthropic".
        r(format!("{COMMA} (?:from|by)(?: the)?"), Second, "develops", &[O], &[X]),
        // Rivals.
        r(v("competes|compete|competing|competed|rivals|rival|rivaled|rivalled") + "(?: (?:directly|head-on))?(?: (?:with|against))?(?: the)?", First, "competes_with", &[O, P, X], &[O, P, X]),
        r(format!("{POSS}(?P<mods>(?: [a-z-]+){{0,2}}) (?:arch-?)?(?:rival|rivals|competitor|competitors){COMMA}(?: the)?"), First, "competes_with", &[O, P, X], &[O, P, X]),
        // "Boeing and its rival Airbus", "Boeing and rival Airbus".
        r(format!("{COMMA} and(?: (?:its|their|his|her))?(?: (?:main|biggest|chief|closest|fierce|longtime|long-time|old))? (?:arch-?)?(?:rival|competitor){COMMA}"), First, "competes_with", &[O, P, X], &[O, P, X]),
        r(format!("{COMMA}(?: (?:a|its|the|their))?(?: (?:main|biggest|chief|closest))? (?:rival|competitor) (?:of|to)(?: the)?"), First, "competes_with", &[O, P, X], &[O, P, X]),
    ]
}

struct Compiled {
    set: RegexSet,
    each: Vec<Regex>,
    rules: Vec<Rule>,
}

static RULES: LazyLock<Compiled> = LazyLock::new(|| {
    let rules = rules();
    let set = RegexSet::new(rules.iter().map(|r| &r.gap)).expect("the fact patterns are valid");
    let each = rules.iter().map(|r| Regex::new(&r.gap).expect("a fact pattern is valid")).collect();
    Compiled { set, each, rules }
});

/// Predicates that are events: dated by the document when the sentence states no date.
const EVENTS: &[&str] = &["joins", "leaves", "acquired", "invested_in", "launched", "succeeded_by"];

/// The longest gap between two mentions that a pattern may cover, in bytes.
const MAX_GAP: usize = 90;

/// How many names listed after a matched one share its fact ("astronauts A, B and C").
const MAX_LISTED: usize = 20;

/// The longest quote kept: a longer sentence is cut around the two mentions.
const MAX_QUOTE: usize = 400;

/// Facts stated in one document. `mentions` are the document's, sorted by position;
/// `entities` are the corpus's.
#[must_use]
pub fn extract(
    doc: DocIdx,
    body: &str,
    date: Option<PartialDate>,
    mentions: &[Mention],
    entities: &[Entity],
) -> Vec<Fact> {
    let mut out: Vec<Fact> = Vec::new();
    if mentions.len() < 2 {
        return out;
    }
    // Each fact once per document.
    let key = |f: &Fact| (f.subject, f.predicate.clone(), f.object.clone());
    let mut seen: HashSet<(usize, String, FactObject)> = HashSet::new();
    let compiled = &*RULES;
    let sentences = sentences(body);
    let resolved = with_pronouns(doc, body, &sentences, mentions, entities);
    let pairs: &[Mention] = resolved.as_deref().unwrap_or(mentions);
    let mut s = 0;
    for (k, pair) in pairs.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        if a.entity() == b.entity() || a.span().end > b.span().start {
            continue;
        }
        while s < sentences.len() && sentences[s].end <= a.span().start {
            s += 1;
        }
        let Some(sentence) = sentences.get(s) else { break };
        if b.span().end > sentence.end || a.span().start < sentence.start {
            continue;
        }
        let raw_gap = &body[a.span().end..b.span().start];
        if raw_gap.len() > MAX_GAP {
            continue;
        }
        // An alias in brackets ends the first mention: "International Monetary Fund (IMF)".
        let gap = normalise(raw_gap.trim_start_matches([')', ']']));
        let (ka, kb) = (K::of(entities[a.entity()].kind), K::of(entities[b.entity()].kind));
        // The unit the second name owns: "NASA's Planetary Science Division".
        let unit_after_b = || {
            pairs.get(k + 2).filter(|c| {
                kb == K::O
                    && K::of(entities[c.entity()].kind) == K::O
                    && c.span().end <= sentence.end
                    && b.span().end <= c.span().start
                    && matches!(body[b.span().end..c.span().start].trim_end(), "'s" | "\u{2019}s" | "'" | "\u{2019}")
            })
        };
        for i in compiled.set.matches(&gap) {
            let rule = &compiled.rules[i];
            let (subj, obj, ks, ko) = match rule.subject {
                Side::First => (a, b, ka, kb),
                Side::Second => (b, a, kb, ka),
            };
            if !rule.subjects.contains(&ks) || !rule.objects.contains(&ko) {
                continue;
            }
            // "former" voids what the gap says of a holder unless the pattern reads it.
            if !rule.former && [" former ", " ex-", " then-"].iter().any(|w| gap.contains(w)) {
                continue;
            }
            if rule.unit_first && !ends_with_unit(&entities[a.entity()].name) {
                continue;
            }
            // "Office of Foreign Assets Control (OFAC)": an acronym in brackets spells the
            // words before it, so it names them; it does not credit a person.
            if gap == " ( " && spelt_before(body, sentence.start, a.span().end, &body[b.span()]) {
                continue;
            }
            if !plain_statement(body, sentence, a, rule) {
                continue;
            }
            // A pattern that reads what follows the second name decides about its possessive;
            // "Lori Glaze, director of NASA's Planetary Science Division" leads the unit.
            let mut obj = obj;
            if rule.follow.is_none() && owns_the_topic(body, sentence, b) {
                match unit_after_b() {
                    Some(unit) if rule.subject == Side::First && matches!(rule.predicate, "leads" | "part_of") => {
                        obj = unit;
                    }
                    _ => continue,
                }
            }
            if rule.unit_object && !ends_with_unit(&entities[obj.entity()].name) {
                continue;
            }
            if let Some(before) = &rule.before {
                let lead = body[sentence.start..a.span().start].trim().trim_end_matches(',');
                if !before.is_match(lead) {
                    continue;
                }
            }
            let lead = rule.lead_end.as_ref().map(|_| lead_words(body, sentence, a.span().start, true));
            let follow = rule.follow.as_ref().map(|_| follow_words(body, sentence, b.span().end, true));
            let lead_caps = match (&rule.lead_end, &lead) {
                (Some(end), Some(lead)) => match end.captures(lead) {
                    Some(c) => Some(c),
                    None => continue,
                },
                _ => None,
            };
            let follow_caps = match (&rule.follow, &follow) {
                (Some(start), Some(follow)) => match start.captures(follow) {
                    Some(c) => Some(c),
                    None => continue,
                },
                _ => None,
            };
            let caps = compiled.each[i].captures(&gap);
            let all_caps = [caps.as_ref(), lead_caps.as_ref(), follow_caps.as_ref()];
            // Qualifiers read as any word must not be a verb or a function word ("Roe, said
            // the spokesman for Airbus").
            let loose = all_caps.iter().flatten().filter_map(|c| c.name("mods"));
            if loose.flat_map(|m| m.as_str().split(' ')).any(|w| MODIFIER_STOP.contains(&w)) {
                continue;
            }
            // A field may join its words ("science and public health"), not go on as a clause.
            let field = all_caps.iter().flatten().filter_map(|c| c.name("field"));
            let joining = |w: &str| matches!(w, "and" | "of" | "the" | "for");
            if field.flat_map(|m| m.as_str().split(' ')).any(|w| !joining(w) && MODIFIER_STOP.contains(&w)) {
                continue;
            }
            // Values as written ("Managing Director"), when case folding kept the lengths.
            let cased = normalise_with(raw_gap.trim_start_matches([')', ']']), false);
            let group = |n: &str| {
                let m = caps.as_ref().and_then(|c| c.name(n))?;
                Some(cased.get(m.range()).filter(|_| cased.len() == gap.len()).unwrap_or(m.as_str()).to_string())
            };
            // The same, read before or after the pair.
            let around = |n: &str| {
                let (cased, lower, m) = match (&lead_caps, &follow_caps) {
                    (Some(c), _) if c.name(n).is_some() => {
                        (lead_words(body, sentence, a.span().start, false), lead.as_deref()?, c.name(n)?)
                    }
                    (_, Some(c)) => (follow_words(body, sentence, b.span().end, false), follow.as_deref()?, c.name(n)?),
                    _ => return None,
                };
                let same = cased.len() == lower.len();
                Some(cased.get(m.range()).filter(|_| same).unwrap_or(m.as_str()).to_string())
            };
            let value = group("amt").or_else(|| group("t").or_else(|| around("t")).map(|t| title(&t)));
            // A commissioner of a commission is one of several ("FTC Commissioner Julie Brill").
            let commissioner = value.as_deref().is_some_and(|v| v.eq_ignore_ascii_case("commissioner"))
                && entities[obj.entity()].names().any(|n| n.to_lowercase().ends_with("commission"));
            let predicate = if rule.predicate == "leads" && commissioner { "part_of" } else { rule.predicate };
            let quote_span = quote(body, sentence, a.span().start..b.span().end);
            let quote = &body[quote_span.clone()];
            // The stated date nearest the pair ("hired in 2005; in 2019 Microsoft acquired …").
            let pair = a.span().start.saturating_sub(quote_span.start)..b.span().end.saturating_sub(quote_span.start);
            let distance = |r: &Range<usize>| {
                if r.end <= pair.start {
                    pair.start - r.end
                } else {
                    r.start.saturating_sub(pair.end)
                }
            };
            let stated = extract_dates(quote, date)
                .into_iter()
                .filter_map(|(r, w)| match w {
                    When::Date(d) => Some((distance(&r), d)),
                    When::Relative(_) => None,
                })
                .min_by_key(|(dist, _)| *dist)
                .map(|(_, d)| d);
            let (date, origin) = match (stated, date) {
                // When a past holder left is not what the sentence dates.
                _ if rule.former => (None, FactOrigin::Extracted),
                (Some(d), _) => (Some(d), FactOrigin::Extracted),
                (None, Some(d)) if EVENTS.contains(&rule.predicate) => (Some(d), FactOrigin::ExtractedDatedByDocument),
                _ => (None, FactOrigin::Extracted),
            };
            let lower = quote.to_lowercase();
            let cumulative = rule.predicate == "invested_in"
                && ["total", "in all", "altogether", "so far", "to date"].iter().any(|w| lower.contains(w));
            let fact = Fact {
                subject: subj.entity(),
                predicate: predicate.to_string(),
                object: FactObject::Entity(obj.entity()),
                value,
                date,
                doc,
                quote: quote.to_string(),
                quote_span: Some(quote_span),
                note: cumulative.then(|| "the sentence gives a running total".to_string()),
                cumulative,
                origin,
            };
            // "NASA astronauts Bob Behnken and Doug Hurley": what is said of the second
            // mention holds for those listed with it.
            let mut listed = vec![fact];
            if rule.subject == Side::Second && rule.predicate == "part_of" {
                let mut prev = b;
                for next in pairs[k + 2..].iter().take(MAX_LISTED) {
                    let between = &body[prev.span().end.min(next.span().start)..next.span().start];
                    let joined = matches!(between.trim(), "and" | "," | ", and" | "&" | ";");
                    if !joined
                        || next.span().end > sentence.end
                        || entities[next.entity()].kind != entities[b.entity()].kind
                    {
                        break;
                    }
                    let mut also = listed[0].clone();
                    also.subject = next.entity();
                    listed.push(also);
                    prev = next;
                }
            }
            // "OpenAI's GPT-5, GPT-5-mini and gpt-oss": what the owner's possessive says of the
            // first product holds for those listed with it when their names begin alike; not
            // for others ("Apple's iPhone, Pixel and Galaxy phones" names three makers' phones).
            if rule.subject == Side::First
                && rule.predicate == "develops"
                && (gap.starts_with(" 's") || gap.starts_with(" ' "))
            {
                // The letters a name begins with: "gpt" for "GPT-5-mini".
                let stem =
                    |name: &str| name.chars().take_while(char::is_ascii_alphabetic).collect::<String>().to_lowercase();
                let family = stem(&body[b.span()]);
                let mut prev = b;
                for next in pairs[k + 2..].iter().take(MAX_LISTED) {
                    let between = &body[prev.span().end.min(next.span().start)..next.span().start];
                    let joined = matches!(between.trim(), "and" | "," | ", and");
                    if !joined
                        || next.span().end > sentence.end
                        || K::of(entities[next.entity()].kind) != K::X
                        || family.len() < 2
                        || stem(&body[next.span()]) != family
                    {
                        break;
                    }
                    let mut also = listed[0].clone();
                    also.object = FactObject::Entity(next.entity());
                    listed.push(also);
                    prev = next;
                }
            }
            // "Ken Farley, Jane Roe and John Doe of Caltech": those listed before the first
            // mention share what "of" says of it; not "between Roe and Doe of Caltech".
            if rule.subject == Side::First
                && rule.predicate == "part_of"
                && gap.trim_start_matches(" ,").starts_with(" of ")
            {
                let mut first = a;
                let mut also = Vec::new();
                for prev in pairs[..k].iter().rev().take(MAX_LISTED) {
                    let between = &body[prev.span().end.min(first.span().start)..first.span().start];
                    let joined = matches!(between.trim(), "and" | "," | ", and" | "&");
                    if !joined
                        || prev.span().start < sentence.start
                        || entities[prev.entity()].kind != entities[a.entity()].kind
                    {
                        break;
                    }
                    also.push(prev);
                    first = prev;
                }
                let ahead = body[sentence.start..first.span().start].trim_end().to_lowercase();
                let word = ahead.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                if !["between", "with", "against", "versus", "vs", "and", "or", "nor"].contains(&word) {
                    let span = self::quote(body, sentence, first.span().start..b.span().end);
                    for m in also {
                        let mut fact = listed[0].clone();
                        fact.subject = m.entity();
                        fact.quote = body[span.clone()].to_string();
                        fact.quote_span = Some(span.clone());
                        listed.push(fact);
                    }
                }
            }
            for fact in listed {
                if seen.insert(key(&fact)) {
                    out.push(fact);
                }
            }
            if !rule.more {
                break;
            }
        }
    }
    let text = Text { doc, body, sentences: &sentences, mentions, entities };
    for fact in named_after_owner(&text)
        .into_iter()
        .chain(titled_after_department(&text))
        .chain(titled_member(&text))
        .chain(owned_by_department(&text))
        .chain(lists::investments_in_pairs(&text))
        .chain(lists::statement_heading(&text))
        .chain(hired_from_another(&text, date))
    {
        if seen.insert(key(&fact)) {
            out.push(fact);
        }
    }
    out
}

/// The mentions with "He" or "She" opening a sentence read as the person the sentences just
/// before name, when they name one person only ("Bernadette Meehan … She's been serving at
/// the National Security Council"); `None` when no pronoun stands for anyone. A sentence naming
/// two people or more, a blank line, or two sentences naming nobody end what a pronoun can
/// stand for. Linear in the sentences and mentions.
fn with_pronouns(
    doc: DocIdx,
    body: &str,
    sentences: &[Range<usize>],
    mentions: &[Mention],
    entities: &[Entity],
) -> Option<Vec<Mention>> {
    let mut added: Vec<Mention> = Vec::new();
    // The person a pronoun would stand for, and how many sentences ago it was named.
    let mut last: Option<(usize, usize)> = None;
    let mut m = 0;
    let mut prev_end = 0;
    // One pass over the text for "her last day".
    let mut last_days = LAST_DAY.find_iter(body).peekable();
    for sentence in sentences {
        if body[prev_end.min(sentence.start)..sentence.start].matches('\n').count() > 1 {
            last = None;
        }
        prev_end = sentence.end;
        let text = &body[sentence.clone()];
        let lead = text.len() - text.trim_start_matches(['"', '\'', '\u{201c}', '\u{2018}', ' ']).len();
        let rest = &text[lead..];
        let word = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        let at = sentence.start + lead;
        // A pronoun keeps its person in mind for the next sentence.
        let mut named: Option<usize> = None;
        if let (true, Some((person, _))) = (word == "He" || word == "She", last) {
            added.push(Mention::new(person, doc, at..at + word.len(), MatchHow::ShortForm));
            named = Some(person);
        }
        // "Today is her last day at the White House": a possessive before "last day" when
        // no one is named before it in the sentence.
        while last_days.peek().is_some_and(|f| f.start() < sentence.start) {
            last_days.next();
        }
        let owner = last_days.peek().filter(|f| f.end() <= sentence.end).map(|f| f.start()..f.start() + 3);
        let mut several = false;
        let mut first_person: Option<usize> = None;
        while m < mentions.len() && mentions[m].span().start < sentence.end {
            let e = mentions[m].entity();
            if mentions[m].span().start >= sentence.start && entities[e].kind == EntityKind::Person {
                several |= named.is_some_and(|n| n != e);
                named = Some(e);
                first_person.get_or_insert(mentions[m].span().start);
            }
            m += 1;
        }
        if let (Some(span), Some((person, _)), false) = (owner, last, several) {
            if first_person.is_none_or(|p| p > span.start) && named.is_none_or(|n| n == person) {
                added.push(Mention::new(person, doc, span, MatchHow::ShortForm));
                named = Some(person);
            }
        }
        last = match (named, several, last) {
            (Some(e), false, _) => Some((e, 0)),
            (None, false, Some((e, age))) if age < 1 => Some((e, age + 1)),
            _ => None,
        };
    }
    added.extend(speaking_for_themselves(doc, body, sentences, mentions, entities));
    if added.is_empty() {
        return None;
    }
    let mut all: Vec<Mention> = mentions.iter().cloned().chain(added).collect();
    all.sort_by_key(|m| m.span().start);
    Some(all)
}

/// "I'm the Director of the White House Office of Science and Technology Policy" in a
/// transcript: "I" stands for the person who named themselves in that sentence or the one
/// before ("my name is Eric Lander", "I'm Gary Jordan", "This is Chad Tew"), or else for the
/// speaker whose label opens the turn ("MR. EARNEST:"). Only an "I" that a title follows
/// ("I'm the", "I am a", "I'm NASA's") is marked. Linear in the sentences and mentions.
fn speaking_for_themselves(
    doc: DocIdx,
    body: &str,
    sentences: &[Range<usize>],
    mentions: &[Mention],
    entities: &[Entity],
) -> Vec<Mention> {
    static I_AM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)I(?:'m|\x{2019}m| am) (?:the|a|an|[A-Z][A-Za-z0-9.&-]*(?:'s|\x{2019}s|')) ")
            .expect("the pattern is valid")
    });
    static SELF_NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[^\w])(?:my name is|i'm|i\x{2019}m|i am|this is)\s+$").expect("the pattern is valid")
    });
    let mut out = Vec::new();
    // Who named themselves, and in which sentence; who speaks this turn.
    let mut named_self: Option<(usize, usize)> = None;
    let mut speaker: Option<usize> = None;
    let mut m = 0;
    // One pass over the text for "I'm the".
    let mut i_am = I_AM.find_iter(body).peekable();
    let mut prev_end = 0;
    for (i, sentence) in sentences.iter().enumerate() {
        // A blank line ends the turn: a label speaks for its own paragraph only.
        if body[prev_end.min(sentence.start)..sentence.start].matches('\n').count() > 1 {
            speaker = None;
        }
        prev_end = sentence.end;
        while m < mentions.len() && mentions[m].span().start < sentence.end {
            let at = mentions[m].span();
            let e = mentions[m].entity();
            m += 1;
            if at.start < sentence.start || entities[e].kind != EntityKind::Person {
                continue;
            }
            // A label opens its line: only spaces between it and the line's start.
            let line_start = body[..at.start].trim_end_matches([' ', '\t']);
            let line_start = ["MR.", "MS.", "MRS.", "DR.", "Mr.", "Ms.", "Mrs.", "Dr."]
                .iter()
                .find_map(|t| line_start.strip_suffix(t))
                .unwrap_or(line_start)
                .trim_end_matches([' ', '\t']);
            let opens_line = line_start.is_empty() || line_start.ends_with('\n');
            let after = body[at.end..body.ceil_char_boundary((at.end + 3).min(body.len()))].trim_start();
            if opens_line && after.starts_with(':') {
                speaker = Some(e);
                named_self = None;
                continue;
            }
            let lo = body.floor_char_boundary(at.start.saturating_sub(16).max(sentence.start));
            let before = body[lo..at.start].trim_end();
            if before.ends_with(['s', 'S', 'm', 'M']) && SELF_NAMED.is_match(&body[lo..at.start]) {
                named_self = Some((e, i));
            }
        }
        let who = named_self.filter(|&(_, j)| j + 1 >= i).map(|(e, _)| e).or(speaker);
        while let Some(f) = i_am.peek().filter(|f| f.start() < sentence.end) {
            if let (Some(who), true) = (who, f.start() >= sentence.start) {
                out.push(Mention::new(who, doc, f.start()..f.start() + 1, MatchHow::ShortForm));
            }
            i_am.next();
        }
    }
    out
}

/// "his last day", "her final day": a possessive pronoun whose person the last day is.
static LAST_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[Hh]is|[Hh]er) (?:last|final) (?:day|week)(?-u:\b)").expect("the pattern is valid")
});

/// Whether a pair's sentence states something: not a question, not a condition ("If Google
/// buys Fitbit"), not about a former holder ("Former Google CEO Eric Schmidt").
fn plain_statement(body: &str, sentence: &Range<usize>, a: &Mention, rule: &Rule) -> bool {
    let text = &body[sentence.clone()];
    if text.trim_end_matches(['"', '\'', ')', '\u{201d}']).ends_with('?') {
        return false;
    }
    let lead = body[sentence.start..a.span().start].to_lowercase();
    let first = lead.split_whitespace().next().unwrap_or("");
    if ["if", "whether", "unless", "should", "would", "could"].contains(&first) {
        return false;
    }
    let near = lead.trim_end().rsplit(' ').next().unwrap_or("");
    let past =
        ["former", "ex-", "then-", "late", "outgoing", "erstwhile"].iter().any(|w| near == *w || near.ends_with(w));
    !past || rule.former
}

/// Whether the second name owns what the sentence is about ("Microsoft's `OpenAI`
/// investment", "Nokia's devices business").
fn owns_the_topic(body: &str, sentence: &Range<usize>, b: &Mention) -> bool {
    let end = body.ceil_char_boundary((b.span().end + 24).min(sentence.end).max(b.span().end));
    let after = body[b.span().end..end].to_lowercase().replace('\u{2019}', "'");
    if after.starts_with("'s") || after.starts_with("' ") {
        return true;
    }
    let next = after.split(|c: char| !c.is_alphanumeric() && c != '-').find(|w| !w.is_empty()).unwrap_or("");
    OWNED_THINGS.contains(&next)
}

/// Words that may not stand as a qualifier of a title or a rival: verbs, function words, and
/// what makes the holder a past one.
const MODIFIER_STOP: &[&str] = &[
    "former",
    "ex-",
    "then-",
    "late",
    "outgoing",
    "erstwhile",
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "of",
    "to",
    "for",
    "with",
    "at",
    "in",
    "on",
    "by",
    "from",
    "as",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "said",
    "says",
    "told",
    "tells",
    "asked",
    "asks",
    "called",
    "calls",
    "met",
    "meets",
    "when",
    "while",
    "who",
    "which",
    "that",
    "not",
    "no",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "its",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "if",
    "whether",
    "would",
    "could",
    "should",
    "may",
    "might",
    "will",
    "can",
    "like",
    "unlike",
    "than",
    "not",
    "never",
    "potential",
    "possible",
    "prospective",
    "would-be",
    "future",
    "next",
    "year",
    "years",
    "decade",
    "decades",
    "months",
    "weeks",
    "life",
    "now",
    "ever",
    "long",
    "some",
    "many",
    "rival",
    "rivals",
    "competing",
    "competitor",
    "competitors",
    "answer",
    "alternative",
];

/// Words that end the name of a unit within an organisation.
const UNIT_ENDS: &[&str] = &[
    "board",
    "division",
    "office",
    "bureau",
    "committee",
    "subcommittee",
    "council",
    "institute",
    "center",
    "centre",
    "agency",
    "laboratory",
    "lab",
    "directorate",
    "branch",
    "unit",
    "school",
    "college",
    "faculty",
    "service",
    "program",
    "programme",
];

/// Whether a name ends with a word that names a unit ("National Recording Preservation Board").
fn ends_with_unit(name: &str) -> bool {
    let last = name.rsplit(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
    UNIT_ENDS.iter().any(|u| last.eq_ignore_ascii_case(u))
}

/// Whether `acronym` (in capitals, 2 to 8 letters) spells the initials of the capitalised
/// words just before `end` ("Office of Foreign Assets Control" for "OFAC"; "of", "and", "the",
/// "for" skipped).
fn spelt_before(body: &str, start: usize, end: usize, acronym: &str) -> bool {
    let letters: Vec<char> = acronym.chars().filter(char::is_ascii_alphabetic).collect();
    if !(2..=8).contains(&letters.len()) || letters.iter().any(|c| !c.is_ascii_uppercase()) {
        return false;
    }
    let lo = body.floor_char_boundary(end.saturating_sub(120).max(start));
    let words = body[lo..end].split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty());
    let initials: Vec<char> = words
        .rev()
        .filter(|w| !["of", "and", "the", "for", "&"].contains(w))
        .take(letters.len())
        .filter_map(|w| w.chars().next())
        .collect();
    initials.len() == letters.len() && initials.iter().rev().zip(&letters).all(|(a, b)| a.eq_ignore_ascii_case(b))
}

/// The words before `at` in its sentence (at most 80 bytes), read as a gap is; cut ones begin
/// with a mark no pattern reads, so a title cut from its qualifier ("Deputy") is not taken.
fn lead_words(body: &str, sentence: &Range<usize>, at: usize, lower: bool) -> String {
    let lo = body.floor_char_boundary(at.saturating_sub(80).max(sentence.start));
    if lo == sentence.start {
        return normalise_with(&body[lo..at], lower);
    }
    let cut = &body[lo..at];
    let whole = cut.find(char::is_whitespace).map_or("", |i| &cut[i..]);
    format!(" \u{2026}{}", normalise_with(whole, lower))
}

/// The words after `at` in its sentence (at most 80 bytes), read as a gap is, a full stop
/// apart; a cut last word is dropped.
fn follow_words(body: &str, sentence: &Range<usize>, at: usize, lower: bool) -> String {
    let hi = body.ceil_char_boundary((at + 80).min(sentence.end).max(at));
    let mut text = &body[at..hi];
    if hi < sentence.end {
        text = text.rfind(char::is_whitespace).map_or("", |i| &text[..i]);
    }
    normalise_with(text, lower).replace(". ", " . ").replace(".) ", " .) ")
}

/// Nouns that, right after a name, make it the owner of what is spoken of, not the object of
/// the sentence's verb.
const OWNED_THINGS: &[&str] = &[
    "business",
    "businesses",
    "team",
    "teams",
    "unit",
    "units",
    "division",
    "stake",
    "stakes",
    "investment",
    "investments",
    "lawsuit",
    "lawsuits",
    "deal",
    "deals",
    "fine",
    "fines",
    "shares",
    "shareholders",
    "board",
    "subsidiary",
    "arm",
    "operations",
    "acquisition",
    "merger",
    "case",
    "offer",
    "bid",
];

/// The sentence holding a span (sentences are in order and do not overlap).
fn sentence_of<'s>(sentences: &'s [Range<usize>], span: &Range<usize>) -> Option<&'s Range<usize>> {
    let i = sentences.partition_point(|s| s.end < span.end);
    sentences.get(i).filter(|s| s.start <= span.start && span.end <= s.end)
}

/// One document as the whole-name readers see it: its text, sentences and mentions.
struct Text<'a> {
    doc: DocIdx,
    body: &'a str,
    sentences: &'a [Range<usize>],
    mentions: &'a [Mention],
    entities: &'a [Entity],
}

impl Text<'_> {
    /// A fact whose quote is the sentence of `at`, when `at` lies in one.
    fn fact(
        &self,
        at: Range<usize>,
        (subject, predicate, object): (usize, &str, usize),
        value: Option<String>,
    ) -> Option<Fact> {
        let sentence = sentence_of(self.sentences, &at)?;
        let span = quote(self.body, sentence, at);
        Some(Fact {
            subject,
            predicate: predicate.into(),
            object: FactObject::Entity(object),
            value,
            date: None,
            doc: self.doc,
            quote: self.body[span.clone()].to_string(),
            quote_span: Some(span),
            note: None,
            cumulative: false,
            origin: FactOrigin::Extracted,
        })
    }

    /// Each mentioned entity of a kind once, with its first mention.
    fn first_mentions(&self, kind: EntityKind) -> impl Iterator<Item = &Mention> + '_ {
        let mut seen: HashSet<usize> = HashSet::new();
        self.mentions.iter().filter(move |m| self.entities[m.entity()].kind == kind && seen.insert(m.entity()))
    }
}

/// "the New York Jets hired Raven's defensive coordinator, Rex Ryan, to be their new head
/// coach": an organisation hires someone named by a title in another, the title's owner
/// between; the person joins the first and leaves the second (both dated by the document
/// unless the sentence states a date), and leads the first when a head's title follows.
/// Linear: each run of three neighbouring mentions is looked at once.
fn hired_from_another(t: &Text, date: Option<PartialDate>) -> Vec<Fact> {
    static HIRED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?: (?:has|have|had|officially|also|just|now))* (?:hired|hires|signed|signs|recruited|recruits|poached|poaches|appointed|appoints|named|names|tapped|taps|lured|lures) $")
            .expect("the hire pattern is valid")
    });
    static TITLED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^ (?:'s|')(?P<mods>(?: [a-z-]+){1,4}) ,$").expect("the title pattern is valid"));
    static HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            "^ , (?:as|to be|to become) (?:its|their|the)(?: (?:new|next|interim|acting))? (?P<t>{LEAD}) "
        ))
        .expect("the head pattern is valid")
    });
    let kind = |m: &Mention| t.entities[m.entity()].kind;
    let mut out = Vec::new();
    for w in t.mentions.windows(3) {
        let (a, b, c) = (&w[0], &w[1], &w[2]);
        if kind(a) != EntityKind::Org
            || kind(b) != EntityKind::Org
            || kind(c) != EntityKind::Person
            || a.entity() == b.entity()
            || a.span().end > b.span().start
            || b.span().end > c.span().start
            || c.span().start - a.span().end > MAX_GAP
        {
            continue;
        }
        let Some(sentence) = sentence_of(t.sentences, &a.span()) else { continue };
        if c.span().end > sentence.end || !HIRED.is_match(&normalise(&t.body[a.span().end..b.span().start])) {
            continue;
        }
        let between = normalise(&t.body[b.span().end..c.span().start]);
        let Some(titled) = TITLED.captures(between.trim_end()) else {
            continue;
        };
        // "head of research" is a title; "former", a verb or a pronoun is not.
        let stop = |w: &str| !matches!(w, "of" | "for") && MODIFIER_STOP.contains(&w);
        if titled["mods"].split(' ').any(stop) || t.body[sentence.clone()].trim_end().ends_with('?') {
            continue;
        }
        let lead = t.body[sentence.start..a.span().start].to_lowercase();
        if ["if", "whether", "unless"].contains(&lead.split_whitespace().next().unwrap_or("")) {
            continue;
        }
        let role = title(titled["mods"].trim());
        let dated = |mut f: Fact| {
            let stated = extract_dates(&f.quote, date).into_iter().find_map(|(_, w)| match w {
                When::Date(d) => Some(d),
                When::Relative(_) => None,
            });
            (f.date, f.origin) = match (stated, date) {
                (Some(d), _) => (Some(d), FactOrigin::Extracted),
                (None, Some(d)) => (Some(d), FactOrigin::ExtractedDatedByDocument),
                (None, None) => (None, FactOrigin::Extracted),
            };
            f
        };
        let span = a.span().start..c.span().end;
        out.extend(t.fact(span.clone(), (c.entity(), "joins", a.entity()), None).map(dated));
        out.extend(t.fact(span.clone(), (c.entity(), "leaves", b.entity()), Some(role)).map(dated));
        let after = follow_words(t.body, sentence, c.span().end, true);
        if let Some(head) = HEAD.captures(&after) {
            out.extend(t.fact(span, (c.entity(), "leads", a.entity()), Some(title(&head["t"]))));
        }
    }
    out
}

/// Names that begin with an organisation the text names: "Boeing 787" in a text that names
/// Boeing is Boeing's product; "NASA Johnson Space Center" is part of NASA. Each name's
/// word prefixes are looked up, so the cost is linear.
fn named_after_owner(t: &Text) -> Vec<Fact> {
    let orgs: HashMap<String, usize> =
        t.first_mentions(EntityKind::Org).map(|m| (t.entities[m.entity()].name.to_lowercase(), m.entity())).collect();
    let mut out: Vec<Fact> = Vec::new();
    // The first mention that writes the whole name states it ("FSF" does not).
    let mut done: HashSet<usize> = HashSet::new();
    for m in t.mentions {
        let named = &t.entities[m.entity()];
        if named.kind == EntityKind::Person
            || !t.body[m.span()].eq_ignore_ascii_case(&named.name)
            || !done.insert(m.entity())
        {
            continue;
        }
        let name = named.name.to_lowercase();
        let owner = name.match_indices(' ').take(4).find_map(|(i, _)| {
            // An organisation is a part of the one its name begins with when the rest names a
            // unit ("NASA Johnson Space Center"), not when it is the same one spelt longer
            // ("Lockheed Martin Corporation", "GTCR BC Holdings").
            let unit = named.kind != EntityKind::Org || name[i..].split(' ').any(|w| UNITS.contains(&w));
            orgs.get(&name[..i]).copied().filter(|&o| o != m.entity() && unit)
        });
        let Some(owner) = owner else { continue };
        let triple = if named.kind == EntityKind::Org {
            (m.entity(), "part_of", owner)
        } else {
            (owner, "develops", m.entity())
        };
        out.extend(t.fact(m.span(), triple, None));
    }
    out
}

/// Words that name a unit of an organisation.
const UNITS: &[&str] = &[
    "center",
    "centre",
    "institute",
    "office",
    "bureau",
    "division",
    "laboratory",
    "laboratories",
    "lab",
    "labs",
    "research",
    "agency",
    "service",
    "services",
    "school",
    "college",
    "department",
    "program",
    "programme",
    "unit",
    "studios",
    "directorate",
    "administration",
];

/// "Secretary of Energy Jennifer Granholm", "Energy Secretary Ernest Moniz", "Attorney General
/// Merrick B. Garland", "Minister of Health X": the person leads the department the title
/// names, when the text names that department. A title a rank below ("Deputy Assistant
/// Secretary of State for Consular Affairs Ed Ramotowski", "Assistant Attorney General Alice
/// Fisher") makes a member of it.
fn titled_after_department(t: &Text) -> Vec<Fact> {
    static TITLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:\b(?P<pre>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?P<t1>Secretary|Minister)|\b(?P<t2>Secretary|Minister)\s+(?:of|for)\s+(?:the\s+)?(?P<post>[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3})(?P<field>\s+for\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:and\s+|of\s+|for\s+)?[A-Z][a-z]+){0,5})?|\b(?P<ag>Attorney\s+General))\s*,?\s*$",
        )
        .expect("the title pattern is valid")
    });
    let departments = departments(t);
    if departments.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for m in t.mentions.iter().filter(|m| t.entities[m.entity()].kind == EntityKind::Person) {
        let Some(sentence) = sentence_of(t.sentences, &m.span()) else { continue };
        let lo = t.body.floor_char_boundary(m.span().start.saturating_sub(110).max(sentence.start));
        let before = &t.body[lo..m.span().start];
        let Some(c) = TITLE.captures(before) else { continue };
        let title_at = c.get(0).map_or(0, |x| x.start());
        // The country's title only: not a state's "Texas Attorney General", nor a past holder.
        let ahead = before[..title_at].trim_end();
        // "Deputy Assistant Secretary of State", "Under Secretary of Commerce": ranks below.
        let mut from = ahead.len();
        loop {
            let head = ahead[..from].trim_end();
            match head
                .rsplit(char::is_whitespace)
                .next()
                .filter(|w| RANKS_BELOW.iter().any(|r| r.eq_ignore_ascii_case(w)))
            {
                Some(w) => from = head.len() - w.len(),
                None => break,
            }
        }
        let rank = (from < ahead.len()).then(|| &ahead[from..]);
        let ahead = ahead[..from].trim_end();
        // The word before: punctuation, a word in lower case (not "former"), or the country.
        let word = ahead.rsplit(|c: char| c.is_whitespace() || "([\u{2014}".contains(c)).next().unwrap_or("");
        let national = word.is_empty()
            || word.ends_with([',', ':', ';', '-'])
            || ["The", "U.S.", "US", "States"].contains(&word)
            || (word.starts_with(|c: char| c.is_lowercase()) && !NOT_THE_HOLDER.contains(&word.trim_end_matches('-')));
        // "Secretary of State for Health" (a British minister) names no department by "of".
        if !national || (c.name("field").is_some() && rank.is_none()) {
            continue;
        }
        let (subject, title) = if c.name("ag").is_some() {
            ("justice".to_string(), "Attorney General".to_string())
        } else {
            let t = c.name("t1").or_else(|| c.name("t2")).map_or("", |x| x.as_str());
            // A title wrapped over two lines ("said Secretary of\nCommerce Howard Lutnick").
            let d = c.name("pre").or_else(|| c.name("post")).map_or("", |x| x.as_str());
            (d.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase(), t.to_string())
        };
        if let Some(&dept) = departments.get(&subject) {
            let (from, predicate, title) = match rank {
                Some(rank) => (lo + from, "part_of", format!("{rank} {title}")),
                None => (lo + title_at, "leads", title),
            };
            out.extend(t.fact(from..m.span().end, (m.entity(), predicate, dept), Some(title)));
        }
    }
    out
}

/// The departments the text names, by their subject: "energy" for "Department of Energy",
/// "Energy Department", "U.S. Department of Energy"; "health" for "Ministry of Health".
fn departments(t: &Text) -> HashMap<String, usize> {
    static DEPARTMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:the )?(?:u\.?s\.? |united states )?(?:(?:department|ministry) (?:of|for) (?:the )?(?P<a>.+)|(?P<b>.+?) (?:department|ministry))$")
            .expect("the department pattern is valid")
    });
    let mut departments: HashMap<String, usize> = HashMap::new();
    for m in t.first_mentions(EntityKind::Org) {
        for n in t.entities[m.entity()].names() {
            if let Some(c) = DEPARTMENT.captures(n) {
                let subject = c.name("a").or_else(|| c.name("b")).map_or("", |x| x.as_str()).to_lowercase();
                departments.entry(subject).or_insert(m.entity());
            }
        }
    }
    departments
}

/// "Commerce's U.S. Patent and Trademark Office", "Treasury's Office of Foreign Assets
/// Control", "the Department's National Institute of Standards and Technology": an office
/// named with its department's possessive is part of it, when the text names that department
/// (for "the Department's", when it names one department only).
fn owned_by_department(t: &Text) -> Vec<Fact> {
    static OWNER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[^\w.-])(?:(?P<the>[Tt]he) (?:Department|Ministry)|(?P<dept>[A-Z][a-z]+))(?:'s|\x{2019}s|')\s+$",
        )
        .expect("the owner pattern is valid")
    });
    let departments = departments(t);
    if departments.is_empty() {
        return Vec::new();
    }
    let only: HashSet<usize> = departments.values().copied().collect();
    let only = (only.len() == 1).then(|| only.into_iter().next()).flatten();
    let mut out = Vec::new();
    for m in t.mentions.iter().filter(|m| t.entities[m.entity()].kind == EntityKind::Org) {
        let Some(sentence) = sentence_of(t.sentences, &m.span()) else { continue };
        let lo = t.body.floor_char_boundary(m.span().start.saturating_sub(24).max(sentence.start));
        let Some(c) = OWNER.captures(&t.body[lo..m.span().start]) else { continue };
        let dept = match (c.name("the"), c.name("dept")) {
            (Some(_), _) => only,
            (_, Some(d)) => departments.get(&d.as_str().to_lowercase()).copied(),
            _ => None,
        };
        let from = lo + c.name("the").or_else(|| c.name("dept")).map_or(0, |x| x.start());
        if let Some(dept) = dept.filter(|&d| d != m.entity()) {
            out.extend(t.fact(from..m.span().end, (m.entity(), "part_of", dept), None));
        }
    }
    out
}

/// Words in lower case before a department's title that make it not the country's present
/// holder ("former", "state", "shadow").
const NOT_THE_HOLDER: &[&str] = &[
    "former",
    "late",
    "then",
    "ex",
    "outgoing",
    "retired",
    "incoming",
    "future",
    "next",
    "would-be",
    "state",
    "county",
    "city",
    "provincial",
    "regional",
    "local",
    "shadow",
    "vice",
    "junior",
];

/// Words before a department's title that make it a rank below its head.
const RANKS_BELOW: &[&str] = &["Deputy", "Assistant", "Under", "Associate", "Principal"];

/// "Senator Raphael Warnock", "Congressman John Lewis", "Rep. Jane Roe": the person is a
/// member of the chamber the title names, when the text names that chamber ("the Senate",
/// "Congress", "the House of Representatives"). Not a past member ("former Senator"), nor a
/// title qualified by a name ("State Senator", "Trade Representative").
fn titled_member(t: &Text) -> Vec<Fact> {
    static TITLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[^\w.\-])(?P<t>Senator|Sen\.|Congressman|Congresswoman|Congressmember|Representative|Rep\.)\s+$",
        )
        .expect("the title pattern is valid")
    });
    let mut chambers: HashMap<&str, usize> = HashMap::new();
    for m in t.first_mentions(EntityKind::Org) {
        for n in t.entities[m.entity()].names() {
            let n = n.to_lowercase();
            let n = n.trim_start_matches("the ");
            let n = ["u.s. ", "us ", "united states "].iter().fold(n, |n, p| n.strip_prefix(p).unwrap_or(n));
            let chamber = match n {
                "senate" => "senate",
                "congress" => "congress",
                "house of representatives" => "house",
                _ => continue,
            };
            chambers.entry(chamber).or_insert(m.entity());
        }
    }
    if chambers.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for m in t.mentions.iter().filter(|m| t.entities[m.entity()].kind == EntityKind::Person) {
        let Some(sentence) = sentence_of(t.sentences, &m.span()) else { continue };
        let lo = t.body.floor_char_boundary(m.span().start.saturating_sub(40).max(sentence.start));
        let before = &t.body[lo..m.span().start];
        let Some(c) = TITLE.captures(before) else { continue };
        let Some(title) = c.name("t") else { continue };
        let ahead = before[..title.start()].trim_end();
        let word = ahead.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
        let qualified = word.starts_with(char::is_uppercase) && !["The", "U.S.", "US"].contains(&word);
        let past = ["former", "late", "then", "retired", "ex"].contains(&word.to_lowercase().trim_end_matches('-'));
        if qualified || past {
            continue;
        }
        let chamber = if title.as_str().starts_with("Sen") {
            chambers.get("senate")
        } else {
            chambers.get("congress").or_else(|| chambers.get("house"))
        };
        if let Some(&chamber) = chamber {
            let value = if title.as_str().starts_with("Sen") { "Senator" } else { "Representative" };
            out.extend(t.fact(lo + title.start()..m.span().end, (m.entity(), "part_of", chamber), Some(value.into())));
        }
    }
    out
}

/// The gap as the patterns read it: lower-cased, curly apostrophes straightened, commas apart,
/// each word after one space, and one space at the end (" , the ceo of ").
fn normalise(gap: &str) -> String {
    normalise_with(gap, true)
}

/// [`normalise`], lower-casing or not.
fn normalise_with(gap: &str, lower: bool) -> String {
    let mut out = String::with_capacity(gap.len() + 8);
    for w in gap.split_whitespace() {
        // A comma between digits is part of an amount ("$4,000,000").
        let mut parts: Vec<&str> = Vec::new();
        let mut from = 0;
        for (at, _) in w.match_indices(',') {
            let digits = w[..at].ends_with(|c: char| c.is_ascii_digit())
                && w[at + 1..].starts_with(|c: char| c.is_ascii_digit());
            if !digits {
                parts.push(&w[from..at]);
                from = at + 1;
            }
        }
        parts.push(&w[from..]);
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                out.push_str(" ,");
            }
            if !part.is_empty() {
                out.push(' ');
                let straight = part.chars().map(|c| if c == '\u{2019}' { '\'' } else { c });
                if lower {
                    out.extend(straight.flat_map(char::to_lowercase));
                } else {
                    out.extend(straight);
                }
            }
        }
    }
    out.push(' ');
    out
}

/// A title as stored: "CEO" and "chief executive officer" are "chief executive".
fn title(t: &str) -> String {
    let t = t.trim();
    match t.to_lowercase().as_str() {
        "ceo" | "chief executive officer" | "chief executive" | "boss" => "chief executive".into(),
        "chair" | "chairman" | "chairwoman" | "chairperson" => "chair".into(),
        _ => t.to_string(),
    }
}

/// The quote for a pair of mentions: their sentence, cut around them when it is long.
fn quote(body: &str, sentence: &Range<usize>, pair: Range<usize>) -> Range<usize> {
    if sentence.len() <= MAX_QUOTE {
        return sentence.clone();
    }
    let reach = MAX_QUOTE.saturating_sub(pair.len()) / 2;
    let lo = body.floor_char_boundary(pair.start.saturating_sub(reach).max(sentence.start));
    let hi = body.ceil_char_boundary((pair.end + reach).min(sentence.end));
    // Start and end on word boundaries.
    let lo = if lo > sentence.start { body[lo..pair.start].find(' ').map_or(lo, |i| lo + i + 1) } else { lo };
    let hi = if hi < sentence.end { body[pair.end..hi].rfind(' ').map_or(hi, |i| pair.end + i) } else { hi };
    lo..hi
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    /// Entities named in `names` (kind by the first letter: p, o, x), mentioned wherever the
    /// text names them.
    fn facts_of(text: &str, names: &[(&str, char)]) -> Vec<(String, String, String, Option<String>)> {
        let entities: Vec<Entity> = names
            .iter()
            .map(|(n, k)| {
                let kind = match k {
                    'p' => EntityKind::Person,
                    'o' => EntityKind::Org,
                    _ => EntityKind::Chip,
                };
                Entity::named(n.to_lowercase(), kind, (*n).to_string(), Origin::Discovered)
            })
            .collect();
        let mut mentions: Vec<Mention> = Vec::new();
        let mut longest_first: Vec<(usize, &str)> = names.iter().map(|(n, _)| *n).enumerate().collect();
        longest_first.sort_by_key(|(_, n)| std::cmp::Reverse(n.len()));
        for (e, n) in longest_first {
            for (at, _) in text.match_indices(n) {
                let inside = mentions.iter().any(|m| m.span().start <= at && at < m.span().end);
                if !inside {
                    mentions.push(Mention::new(e, 0, at..at + n.len(), MatchHow::Exact));
                }
            }
        }
        mentions.sort_by_key(|m| m.span().start);
        extract(0, text, PartialDate::parse("2024-05-02"), &mentions, &entities)
            .into_iter()
            .map(|f| {
                let FactObject::Entity(o) = f.object else { panic!("entity object") };
                (entities[f.subject].name.clone(), f.predicate, entities[o].name.clone(), f.value)
            })
            .collect()
    }

    fn one(text: &str, names: &[(&str, char)]) -> (String, String, String) {
        let f = facts_of(text, names);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        let (s, p, o, _) = f.into_iter().next().expect("one");
        (s, p, o)
    }

    fn t(s: &str, p: &str, o: &str) -> (String, String, String) {
        (s.into(), p.into(), o.into())
    }

    #[test]
    fn titles_and_verbs_state_who_leads_joins_and_leaves() {
        let names = [("Tom Enders", 'p'), ("Airbus", 'o')];
        assert_eq!(one("Airbus chief executive Tom Enders said so.", &names), t("Tom Enders", "leads", "Airbus"));
        assert_eq!(one("Tom Enders, the CEO of Airbus, said so.", &names), t("Tom Enders", "leads", "Airbus"));
        assert_eq!(one("Tom Enders joined Airbus in 2005.", &names), t("Tom Enders", "joins", "Airbus"));
        assert_eq!(
            one("Tom Enders has stepped down as chairman of Airbus.", &names),
            t("Tom Enders", "leaves", "Airbus")
        );
        assert_eq!(one("Airbus spokesman Tom Enders said so.", &names), t("Tom Enders", "part_of", "Airbus"));
        assert!(facts_of("Tom Enders flew to Toulouse, where Airbus builds planes.", &names).is_empty());
        assert!(facts_of("Tom Enders said that Airbus would wait.", &names).is_empty());
    }

    #[test]
    fn deals_products_and_rivals_are_read_both_ways() {
        let orgs = [("Synopsys", 'o'), ("Ansys", 'o')];
        assert_eq!(one("Synopsys agreed to acquire Ansys.", &orgs), t("Synopsys", "acquired", "Ansys"));
        assert_eq!(one("Ansys, which was acquired by Synopsys, grew.", &orgs), t("Synopsys", "acquired", "Ansys"));
        assert!(facts_of("Synopsys may acquire Ansys.", &orgs).is_empty(), "a possibility is not a fact");
        let aws = [("Amazon", 'o'), ("Anthropic", 'o')];
        let f = facts_of("Amazon will invest an additional $4 billion in Anthropic.", &aws);
        assert_eq!(f[0].3.as_deref(), Some("$4 billion"));
        let chip = [("Amazon Web Services", 'o'), ("Trainium2", 'x')];
        assert_eq!(
            one("Amazon Web Services unveiled its new Trainium2 chip.", &chip),
            t("Amazon Web Services", "launched", "Trainium2")
        );
        let boeing = [("Boeing", 'o'), ("Boeing 787", 'x'), ("Airbus", 'o')];
        let f = facts_of("The Boeing 787 flew today. Boeing competes with Airbus.", &boeing);
        let got: Vec<(&str, &str, &str)> = f.iter().map(|(s, p, o, _)| (s.as_str(), p.as_str(), o.as_str())).collect();
        assert!(got.contains(&("Boeing", "competes_with", "Airbus")), "{got:?}");
        assert!(got.contains(&("Boeing", "develops", "Boeing 787")), "{got:?}");
    }

    #[test]
    fn an_organisation_that_hires_names_or_fires_someone() {
        let names = [("Airbus", 'o'), ("Tom Enders", 'p')];
        assert_eq!(
            one("Airbus named chief executive Tom Enders on Monday.", &names),
            t("Tom Enders", "leads", "Airbus")
        );
        assert_eq!(one("Airbus hired Tom Enders last year.", &names), t("Tom Enders", "joins", "Airbus"));
        assert_eq!(one("Airbus fired Tom Enders.", &names), t("Tom Enders", "leaves", "Airbus"));
        assert_eq!(
            one("Tom Enders's departure from Airbus surprised many.", &names),
            t("Tom Enders", "leaves", "Airbus")
        );
    }

    #[test]
    fn successors_and_units_are_read() {
        let p = [("Vasi Philomin", 'p'), ("Rajesh Sheth", 'p')];
        assert_eq!(
            one("Rajesh Sheth will replace Vasi Philomin next month.", &p),
            t("Vasi Philomin", "succeeded_by", "Rajesh Sheth")
        );
        let o = [("BARDA", 'o'), ("HHS", 'o')];
        assert_eq!(one("BARDA, part of HHS, paid.", &o), t("BARDA", "part_of", "HHS"));
        assert_eq!(one("HHS's BARDA paid.", &o), t("BARDA", "part_of", "HHS"));
    }

    #[test]
    fn former_holders_questions_owners_and_loose_words_state_nothing() {
        let google = [("Eric Schmidt", 'p'), ("Google", 'o')];
        let f = facts_of("Former Google CEO Eric Schmidt spoke.", &google);
        assert!(f.iter().all(|x| x.1 == "leaves"), "a former CEO does not lead: {f:?}");
        let apple = [("Tim Cook", 'p'), ("Elon Musk", 'p'), ("Apple", 'o')];
        let f = facts_of("Apple CEO Tim Cook and Elon Musk discussed the deal.", &apple);
        assert_eq!(f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["Tim Cook"], "{f:?}");
        let ms = [("Microsoft", 'o'), ("OpenAI", 'o'), ("Activision", 'o'), ("Nokia", 'o')];
        assert!(facts_of("Microsoft's OpenAI investment grew.", &ms).is_empty());
        assert!(facts_of("Will Microsoft buy Activision this year?", &ms).is_empty());
        assert!(facts_of("If Microsoft buys Activision, prices rise.", &ms).is_empty());
        assert!(facts_of("Microsoft acquired Nokia's devices business.", &ms).is_empty());
        let chat = [("Google", 'o'), ("ChatGPT", 'x')];
        assert!(facts_of("Google released a rival to ChatGPT.", &chat).is_empty());
        let ctc = [("Chris Dickinson", 'p'), ("CTC", 'o')];
        assert!(facts_of("We remove Chris Dickinson from CTC.", &ctc).is_empty());
        let doj = [("Ken Paxton", 'p'), ("Justice Department", 'o'), ("Merrick Garland", 'p')];
        let f = facts_of(
            "Texas Attorney General Ken Paxton sued the Justice Department. Attorney General Merrick Garland replied.",
            &doj,
        );
        assert_eq!(f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["Merrick Garland"], "{f:?}");
        let money = [("Amazon", 'o'), ("Anthropic", 'o')];
        let f = facts_of("Amazon invested $4,000,000 in Anthropic.", &money);
        assert_eq!(f[0].3.as_deref(), Some("$4,000,000"), "{f:?}");
    }

    #[test]
    fn a_title_after_a_comma_needs_no_article() {
        let names = [("Rupert Murdoch", 'p'), ("News Corporation", 'o')];
        let f = facts_of("Rupert Murdoch, CEO of News Corporation, was in talks.", &names);
        assert_eq!(
            f,
            [("Rupert Murdoch".into(), "leads".into(), "News Corporation".into(), Some("chief executive".into()))]
        );
        assert!(facts_of("Rupert Murdoch, critic of News Corporation, spoke.", &names).is_empty());
    }

    #[test]
    fn a_title_before_the_organisation_and_a_comma_before_the_name() {
        let names = [("Airbus", 'o'), ("Tom Enders", 'p')];
        assert_eq!(
            one("The chief executive of Airbus, Tom Enders, said so.", &names),
            t("Tom Enders", "leads", "Airbus")
        );
        assert_eq!(
            one("A spokesman for Airbus, Tom Enders, declined to comment.", &names),
            t("Tom Enders", "part_of", "Airbus")
        );
        // A qualified title is not the head: the deputy is a member.
        assert_eq!(
            one("The deputy chief executive of Airbus, Tom Enders, said so.", &names),
            t("Tom Enders", "part_of", "Airbus")
        );
        assert!(facts_of("A critic of Airbus, Tom Enders, said so.", &names).is_empty());
        assert!(facts_of("Buyers of Airbus, Tom Enders said, wait.", &names).is_empty());
        let doe = [("U.S. Department of Energy", 'o'), ("Ernest Moniz", 'p')];
        assert_eq!(
            one("The Secretary of the U.S. Department of Energy, Dr. Ernest Moniz, announced it.", &doe),
            t("Ernest Moniz", "leads", "U.S. Department of Energy")
        );
    }

    #[test]
    fn a_title_after_the_organisations_possessive() {
        let names = [("Josefina Vidal", 'p'), ("Foreign Ministry", 'o')];
        assert_eq!(
            one(
                "The delegation was led by Josefina Vidal, the Foreign Ministry's Director General for U.S. affairs.",
                &names
            ),
            t("Josefina Vidal", "part_of", "Foreign Ministry")
        );
        let state = [("David Satterfield", 'p'), ("State Department", 'o')];
        assert_eq!(
            one("David Satterfield is the State Department's most senior official for the region.", &state),
            t("David Satterfield", "part_of", "State Department")
        );
        let amazon = [("Peter DeSantis", 'p'), ("Amazon", 'o')];
        let f = facts_of("Peter DeSantis, Amazon's head of AI, acknowledged it.", &amazon);
        assert_eq!(f, [("Peter DeSantis".into(), "part_of".into(), "Amazon".into(), Some("head of AI".into()))]);
        let ftc = [("Lina Khan", 'p'), ("FTC", 'o')];
        assert_eq!(one("Lina Khan, the FTC's chair, said so.", &ftc), t("Lina Khan", "leads", "FTC"));
        assert!(facts_of("Lina Khan, the FTC's fiercest critic, said so.", &ftc).is_empty());
        assert!(facts_of("Lina Khan, the FTC's former chair, said so.", &ftc).is_empty());
        assert!(facts_of("Lina Khan read the FTC's report.", &ftc).is_empty());
    }

    #[test]
    fn qualified_roles_after_a_comma() {
        let names = [("Piers Morgan", 'p'), ("CNN", 'o')];
        assert_eq!(
            one("Piers Morgan, who is now a TV news journalist for CNN, was an editor.", &names),
            t("Piers Morgan", "part_of", "CNN")
        );
        assert!(facts_of("Piers Morgan, said the spokesman for CNN, left.", &names).is_empty());
        assert!(facts_of("Piers Morgan, the former spokesman for CNN, left.", &names).iter().all(|f| f.1 == "leaves"));
        let ms = [("Kevin Scott", 'p'), ("Microsoft", 'o')];
        assert_eq!(
            one("Kevin Scott is the chief technology officer of Microsoft.", &ms),
            t("Kevin Scott", "part_of", "Microsoft")
        );
        assert!(facts_of("Kevin Scott is the fiercest critic of Microsoft.", &ms).is_empty());
        let ravens = [("Ravens", 'o'), ("Bart Scott", 'p')];
        assert_eq!(one("Ravens linebacker, Bart Scott, stated it.", &ravens), t("Bart Scott", "part_of", "Ravens"));
    }

    #[test]
    fn past_holders_have_left_undated() {
        let google = [("Eric Schmidt", 'p'), ("Google", 'o')];
        assert_eq!(one("Former Google CEO Eric Schmidt spoke.", &google), t("Eric Schmidt", "leaves", "Google"));
        let walsh = [("Sarah Walsh", 'p'), ("Matildas", 'o')];
        assert_eq!(
            one("Wikinews interviewed Sarah Walsh, a former Matildas player, in 2013.", &walsh),
            t("Sarah Walsh", "leaves", "Matildas")
        );
        let airbus = [("Tom Enders", 'p'), ("Airbus", 'o')];
        assert_eq!(
            one("Tom Enders, former chief executive of Airbus, spoke.", &airbus),
            t("Tom Enders", "leaves", "Airbus")
        );
        assert_eq!(one("Tom Enders retired from Airbus.", &airbus), t("Tom Enders", "leaves", "Airbus"));
        // The document's date is not when a past holder left.
        let names: Vec<Entity> = [("Tom Enders", EntityKind::Person), ("Airbus", EntityKind::Org)]
            .iter()
            .map(|(n, k)| Entity::named(n.to_lowercase(), *k, (*n).to_string(), Origin::Discovered))
            .collect();
        let text = "Tom Enders, former chief executive of Airbus, spoke.";
        let mentions = [Mention::new(0, 0, 0..10, MatchHow::Exact), Mention::new(1, 0, 38..44, MatchHow::Exact)];
        let f = extract(0, text, PartialDate::parse("2024-05-02"), &mentions, &names);
        assert_eq!((f.len(), f[0].date), (1, None), "{f:?}");
        assert!(facts_of("Tom Enders, a former Airbus critic, spoke.", &airbus).is_empty());
    }

    #[test]
    fn subsidiaries_projects_operators_and_rivals() {
        let gateway = [("Gateway Services", 'o'), ("Gateway US Holdings", 'o')];
        assert_eq!(
            one(
                "A complaint against Gateway Services and its subsidiary Gateway US Holdings, Inc., was filed.",
                &gateway
            ),
            t("Gateway US Holdings", "part_of", "Gateway Services")
        );
        assert!(facts_of("Gateway Services and its customers Gateway US Holdings met.", &gateway).is_empty());
        let wiki = [("Wikinews", 'o'), ("Wikimedia Foundation", 'o'), ("Wikipedia", 'x')];
        assert_eq!(
            one("Wikinews is a project of the Wikimedia Foundation.", &wiki),
            t("Wikinews", "part_of", "Wikimedia Foundation")
        );
        assert_eq!(
            one("The Wikimedia Foundation operates Wikipedia editions.", &wiki),
            t("Wikimedia Foundation", "develops", "Wikipedia")
        );
        assert!(facts_of("Wikinews praised a project of the Wikimedia Foundation.", &wiki).is_empty());
        let rivals = [("Boeing", 'o'), ("Airbus", 'o')];
        assert_eq!(one("Boeing's European rival, Airbus, is ready.", &rivals), t("Boeing", "competes_with", "Airbus"));
        assert!(facts_of("Boeing's former rival Airbus is ready.", &rivals).is_empty());
        assert!(facts_of("Boeing said the rival Airbus is ready.", &rivals).is_empty());
    }

    #[test]
    fn members_of_a_chamber_by_their_title() {
        let names = [("Raphael Warnock", 'p'), ("Senate", 'o'), ("John Lewis", 'p'), ("Congress", 'o')];
        let f = facts_of(
            "Senator Raphael Warnock and Congressman John Lewis spoke before the Senate and Congress.",
            &names,
        );
        let got: Vec<(&str, &str, &str)> = f.iter().map(|(s, p, o, _)| (s.as_str(), p.as_str(), o.as_str())).collect();
        assert!(got.contains(&("Raphael Warnock", "part_of", "Senate")), "{got:?}");
        assert!(got.contains(&("John Lewis", "part_of", "Congress")), "{got:?}");
        for text in [
            "Former Senator Raphael Warnock spoke in the Senate.",
            "State Senator Raphael Warnock spoke in the Senate.",
            "Trade Representative John Lewis spoke to Congress.",
            "Senator Raphael Warnock spoke.",
        ] {
            assert!(facts_of(text, &names).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_pronoun_opening_a_sentence_stands_for_the_one_person_just_named() {
        let names = [("Bernadette Meehan", 'p'), ("National Security Council", 'o'), ("John Doe", 'p')];
        let text = "I want to thank Bernadette Meehan. Today is her last day. She's been serving at the National Security Council for three years.";
        assert_eq!(one(text, &names), t("Bernadette Meehan", "part_of", "National Security Council"));
        assert_eq!(
            one("Bernadette Meehan spoke. He works for the National Security Council.", &names),
            t("Bernadette Meehan", "part_of", "National Security Council")
        );
        for text in [
            // Two people: whom "She" stands for is not known.
            "Bernadette Meehan met John Doe. She works for the National Security Council.",
            // Too far back, or another paragraph.
            "Bernadette Meehan spoke. It rained. It snowed. She works for the National Security Council.",
            "Bernadette Meehan spoke.\n\nShe works for the National Security Council.",
            // Not at the start of the sentence.
            "Bernadette Meehan spoke. Then she works for the National Security Council.",
        ] {
            assert!(facts_of(text, &names).is_empty(), "{text}");
        }
        let airbus = [("Tom Enders", 'p'), ("Airbus", 'o')];
        let committee = [("Tom Enders", 'p'), ("Appropriations Committee", 'o')];
        assert_eq!(
            one("Tom Enders serves on the Appropriations Committee.", &committee),
            t("Tom Enders", "part_of", "Appropriations Committee")
        );
        assert!(facts_of("Tom Enders worked with Airbus.", &airbus).is_empty());
    }

    #[test]
    fn a_title_after_the_person_hired_named_or_joining() {
        let jets = [("New York Jets", 'o'), ("Rex Ryan", 'p')];
        let f = facts_of("On Monday, the New York Jets hired Rex Ryan to be their new head coach.", &jets);
        let got: Vec<(&str, &str)> = f.iter().map(|(s, p, _, _)| (s.as_str(), p.as_str())).collect();
        assert_eq!(got, [("Rex Ryan", "leads"), ("Rex Ryan", "joins")], "{f:?}");
        let airbus = [("Airbus", 'o'), ("Tom Enders", 'p')];
        assert_eq!(one("Airbus named Tom Enders its chief executive.", &airbus), t("Tom Enders", "leads", "Airbus"));
        assert!(facts_of("Airbus named Tom Enders its head of sales.", &airbus).is_empty());
        let enders = [("Tom Enders", 'p'), ("Airbus", 'o')];
        let f = facts_of("Tom Enders joined Airbus as chief executive in 2005.", &enders);
        let got: Vec<&str> = f.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(got, ["joins", "leads"], "{f:?}");
        let f = facts_of("Tom Enders joined Airbus as head of research.", &enders);
        assert_eq!(f.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(), ["joins"], "{f:?}");
    }

    #[test]
    fn a_person_is_the_head() {
        let names = [("Tom Enders", 'p'), ("Airbus", 'o')];
        assert_eq!(one("Tom Enders is the chief executive of Airbus.", &names), t("Tom Enders", "leads", "Airbus"));
        let church = [("Warnock", 'p'), ("Ebenezer", 'o')];
        assert_eq!(
            one("Senator Warnock has been the pastor since 2005 at Ebenezer.", &church),
            t("Warnock", "leads", "Ebenezer")
        );
        assert!(facts_of("Tom Enders is the biggest critic of Airbus.", &names).is_empty());
        assert!(facts_of("Tom Enders is the former chief executive of Airbus.", &names).iter().all(|f| f.1 != "leads"));
    }

    #[test]
    fn a_role_with_what_it_covers_before_the_name() {
        let names = [("National Security Council", 'o'), ("Beth Cameron", 'p')];
        assert_eq!(
            one("We have the National Security Council Senior Director for Global Health Security and Biodefense, Dr. Beth Cameron.", &names),
            t("Beth Cameron", "part_of", "National Security Council")
        );
        assert!(
            facts_of("The National Security Council official for years said Beth Cameron spoke.", &names).is_empty()
        );
    }

    #[test]
    fn a_company_names_its_people_and_products() {
        let ms = [("Microsoft", 'o'), ("Brad Smith", 'p')];
        assert_eq!(one("Microsoft's Brad Smith said so.", &ms), t("Brad Smith", "part_of", "Microsoft"));
        assert_eq!(one("Microsoft's rival Brad Smith said so.", &ms), t("Microsoft", "competes_with", "Brad Smith"));
        assert!(facts_of("Microsoft's Brad Smith lawsuit grew.", &ms).is_empty());
        let google = [("Jane Roe", 'p'), ("Google", 'o')];
        assert_eq!(one("Jane Roe, Google's chief economist, said so.", &google), t("Jane Roe", "part_of", "Google"));
        assert!(facts_of("Jane Roe, Google's users said, left.", &google).is_empty());
        let chat = [("ChatGPT", 'x'), ("OpenAI", 'o')];
        assert_eq!(one("Users of ChatGPT from OpenAI grew.", &chat), t("OpenAI", "develops", "ChatGPT"));
        assert!(facts_of("ChatGPT users moved away from OpenAI.", &chat).is_empty());
        let apple = [("Tim Cook", 'p'), ("Apple", 'o')];
        assert_eq!(one("He met chief executive Tim Cook of Apple.", &apple), t("Tim Cook", "leads", "Apple"));
        assert_eq!(one("He met deputy chief executive Tim Cook of Apple.", &apple), t("Tim Cook", "part_of", "Apple"));
    }
    #[test]
    fn the_organisation_names_the_title_after_a_comma() {
        let nasa = [("John Doe", 'p'), ("NASA", 'o')];
        assert_eq!(one("John Doe, a NASA engineer, said so.", &nasa), t("John Doe", "part_of", "NASA"));
        assert_eq!(one("John Doe is a NASA engineer.", &nasa), t("John Doe", "part_of", "NASA"));
        assert_eq!(one("John Doe, NASA administrator, said so.", &nasa), t("John Doe", "leads", "NASA"));
        for text in [
            "John Doe, a NASA critic, said so.",
            "John Doe, a former NASA engineer, said so.",
            "John Doe, a NASA engineer based in Houston, said so.",
            "John Doe, the NASA partner who sued, said so.",
        ] {
            assert!(facts_of(text, &nasa).iter().all(|f| f.1 != "part_of" && f.1 != "leads"), "{text}");
        }
        // Another name after the title: the title is that one's.
        let visit = [("Jane Roe", 'p'), ("Airbus", 'o'), ("Tom Enders", 'p')];
        assert_eq!(
            one("Visitors included Jane Roe, Airbus chief executive Tom Enders and others.", &visit),
            t("Tom Enders", "leads", "Airbus")
        );
    }

    #[test]
    fn a_second_plural_and_a_title_for_a_place() {
        let mclaren = [("McLaren", 'o'), ("Juan Pablo Montoya", 'p'), ("Kimi Raikonnen", 'p')];
        let f = facts_of(
            "McLaren drivers and championship rivals Juan Pablo Montoya and Kimi Raikonnen finished first and second.",
            &mclaren,
        );
        let got: Vec<(&str, &str)> = f.iter().map(|(s, p, _, _)| (s.as_str(), p.as_str())).collect();
        assert_eq!(got, [("Juan Pablo Montoya", "part_of"), ("Kimi Raikonnen", "part_of")], "{f:?}");
        assert!(facts_of("McLaren drivers and their wives Juan Pablo Montoya and Kimi Raikonnen came.", &mclaren)
            .is_empty());
        let qaeda = [("Al Qaeda", 'o'), ("Abu Musab al-Zarqawi", 'p')];
        assert_eq!(
            one("News broke that Al Qaeda's leader in Iraq Abu Musab al-Zarqawi had been killed.", &qaeda),
            t("Abu Musab al-Zarqawi", "part_of", "Al Qaeda")
        );
        let apple = [("Apple", 'o'), ("Tim Cook", 'p')];
        assert!(facts_of("Apple's chief for years, Tim Cook, spoke.", &apple).is_empty());
    }

    #[test]
    fn replaced_by_after_an_apposition_and_before_a_title() {
        let names = [("Rona Ambrose", 'p'), ("John Baird", 'p'), ("Tom Enders", 'p')];
        assert_eq!(
            one("The change is Rona Ambrose, Minister of Environment, being replaced by Treasury Board President John Baird.", &names),
            t("Rona Ambrose", "succeeded_by", "John Baird")
        );
        for text in [
            "Tom Enders, whose deputy was replaced by John Baird, spoke.",
            "Tom Enders was replaced by the former minister John Baird.",
            "Tom Enders was replaced by colleagues of John Baird.",
        ] {
            assert!(facts_of(text, &names).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_listing_before_of_and_a_unit_of_an_organisation() {
        let oracle = [("Alice Brown", 'p'), ("Carl Green", 'p'), ("Dan White", 'p'), ("Oracle", 'o')];
        let f = facts_of("Alice Brown, Carl Green and Dan White of Oracle signed the letter.", &oracle);
        let mut got: Vec<&str> = f
            .iter()
            .map(|(s, p, o, _)| {
                assert_eq!((p.as_str(), o.as_str()), ("part_of", "Oracle"));
                s.as_str()
            })
            .collect();
        got.sort_unstable();
        assert_eq!(got, ["Alice Brown", "Carl Green", "Dan White"]);
        let f = facts_of("Talks between Alice Brown and Dan White of Oracle went on.", &oracle);
        assert_eq!(f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["Dan White"], "{f:?}");
        let loc = [("National Recording Preservation Board", 'o'), ("Library of Congress", 'o'), ("Google", 'o')];
        assert_eq!(
            one("A post by the National Recording Preservation Board of the Library of Congress.", &loc),
            t("National Recording Preservation Board", "part_of", "Library of Congress")
        );
        assert!(facts_of("Was Google of the Library of Congress era?", &loc).is_empty());
        assert!(facts_of("Google of the Library of Congress.", &loc).is_empty());
    }

    #[test]
    fn a_departments_title_a_rank_below_makes_a_member() {
        let state = [("John Creamer", 'p'), ("State Department", 'o'), ("Ed Ramotowski", 'p')];
        let text = "The State Department said Deputy Assistant Secretary of State for Western Hemisphere Affairs John Creamer and Deputy Assistant Secretary of State for Consular Affairs Ed Ramotowski led the delegation.";
        let f = facts_of(text, &state);
        let got: Vec<(&str, &str, &str, Option<&str>)> =
            f.iter().map(|(s, p, o, v)| (s.as_str(), p.as_str(), o.as_str(), v.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("John Creamer", "part_of", "State Department", Some("Deputy Assistant Secretary")),
                ("Ed Ramotowski", "part_of", "State Department", Some("Deputy Assistant Secretary"))
            ]
        );
        let doj = [("Alice Fisher", 'p'), ("Justice Department", 'o')];
        assert_eq!(
            one("The Justice Department and Assistant Attorney General Alice Fisher spoke.", &doj),
            t("Alice Fisher", "part_of", "Justice Department")
        );
        // A British minister's title names no department by "of"; a state's officer is not
        // the country's.
        let uk = [("Jane Roe", 'p'), ("State Department", 'o')];
        assert!(facts_of("The State Department met Secretary of State for Health Jane Roe.", &uk).is_empty());
        assert!(facts_of("The State Department met Texas Deputy Secretary of State Jane Roe.", &uk).is_empty());
        assert!(facts_of("The State Department met Acting Secretary of State Jane Roe.", &uk).is_empty());
        assert!(facts_of("The State Department met former Deputy Secretary of State Jane Roe.", &uk).is_empty());
        assert!(facts_of("The State Department met Texas Secretary of State Jane Roe.", &uk).is_empty());
        assert!(facts_of("The State Department met the state Secretary of State Jane Roe.", &uk).is_empty());
        assert_eq!(one("The State Department said the deputy Secretary of State Jane Roe left.", &uk).1, "part_of");
        assert_eq!(one("The State Department said Secretary of State Jane Roe left.", &uk).1, "leads");
    }

    #[test]
    fn an_acronym_in_brackets_is_not_a_credit() {
        let names = [("Assets Control", 'p'), ("OFAC", 'o'), ("Jane Roe", 'p')];
        assert!(facts_of("As the Director of the Office of Foreign Assets Control (OFAC), I speak.", &names).is_empty());
        assert_eq!(one("Thanks to Jane Roe (OFAC) for the data.", &names), t("Jane Roe", "part_of", "OFAC"));
        assert!(spelt_before("Office of Foreign Assets Control", 0, 32, "OFAC"));
        assert!(!spelt_before("Jane Roe", 0, 8, "OFAC"));
        assert!(!spelt_before("Jane Roe", 0, 8, "JD"));
        assert!(!spelt_before("Jane Roe", 0, 8, "Jr"));
    }

    #[test]
    fn a_last_day_at_an_organisation_is_leaving_it() {
        let names = [("Bernadette Meehan", 'p'), ("White House", 'o'), ("John Doe", 'p')];
        let text = "I want to thank Bernadette Meehan. Today is her last day at the White House.";
        assert_eq!(one(text, &names), t("Bernadette Meehan", "leaves", "White House"));
        assert_eq!(
            one("Friday was Bernadette Meehan's final day at the White House.", &names),
            t("Bernadette Meehan", "leaves", "White House")
        );
        for text in [
            // Two people before: whose day it is is not known.
            "Bernadette Meehan met John Doe. Today is her last day at the White House.",
            // Someone named before the pronoun in the same sentence.
            "Bernadette Meehan spoke. John Doe said it is his last day at the White House.",
            // A first day is not a last one; a day in a place is not a post.
            "Bernadette Meehan spoke. Today is her first day at the White House.",
            "Bernadette Meehan spoke. Today is her last day in Paris.",
        ] {
            let f = facts_of(text, &names);
            assert!(!f.iter().any(|(s, p, _, _)| s == "Bernadette Meehan" && p == "leaves"), "{text}: {f:?}");
        }
    }

    #[test]
    fn i_in_a_transcript_is_who_named_themselves_or_speaks() {
        let names = [("Eric Lander", 'p'), ("Office of Science and Technology Policy", 'o'), ("Jane Roe", 'p')];
        let text = "So, my name is Eric Lander.  I'm the Science Advisor and I'm the Director of the Office of Science and Technology Policy.";
        assert_eq!(one(text, &names), t("Eric Lander", "leads", "Office of Science and Technology Policy"));
        let label = "ERIC LANDER: Thank you all.  I am a member of the Office of Science and Technology Policy.";
        let names_caps = [("ERIC LANDER", 'p'), ("Office of Science and Technology Policy", 'o')];
        assert_eq!(one(label, &names_caps), t("ERIC LANDER", "part_of", "Office of Science and Technology Policy"));
        // A label in another paragraph (a heading) does not speak for this one.
        let heading =
            "ERIC LANDER: A profile\n\nSmith said: I'm the Director of the Office of Science and Technology Policy.";
        assert!(facts_of(heading, &names_caps).is_empty());
        for text in [
            // Nobody named themselves, and no speaker's label opens the turn.
            "Eric Lander spoke. I'm the Director of the Office of Science and Technology Policy.",
            // The one who named themselves did so too long ago.
            "My name is Eric Lander. It rained. It snowed. I'm the Director of the Office of Science and Technology Policy.",
            // "I" that no title follows.
            "My name is Eric Lander. I think the Office of Science and Technology Policy is right.",
        ] {
            assert!(facts_of(text, &names).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_title_of_an_owners_unit_a_title_in_an_organisation_and_special_envoys() {
        let nasa = [("Lori Glaze", 'p'), ("NASA", 'o'), ("Planetary Science Division", 'o')];
        let f = facts_of("Lori Glaze, director of NASA's Planetary Science Division, spoke.", &nasa);
        let got: Vec<(&str, &str, &str)> = f.iter().map(|(s, p, o, _)| (s.as_str(), p.as_str(), o.as_str())).collect();
        assert!(got.contains(&("Lori Glaze", "leads", "Planetary Science Division")), "{got:?}");
        assert!(!got.iter().any(|(s, _, o)| *s == "Lori Glaze" && *o == "NASA"), "{got:?}");
        // The owner's topic is no unit: nothing.
        let msft = [("Jane Roe", 'p'), ("Microsoft", 'o')];
        assert!(facts_of("Jane Roe, a critic of Microsoft's investment plans, wrote.", &msft).is_empty());
        let cdc = [("Erin Sauber-Schatz", 'p'), ("Task Force", 'o')];
        assert_eq!(
            one("Erin Sauber-Schatz, the lead of the Task Force, spoke.", &cdc),
            t("Erin Sauber-Schatz", "leads", "Task Force")
        );
        let house = [("Nancy Pelosi", 'p'), ("House of Representatives", 'o')];
        assert_eq!(
            one("Our Democratic leader in the House of Representatives, Nancy Pelosi, is here.", &house),
            t("Nancy Pelosi", "part_of", "House of Representatives")
        );
        assert!(facts_of("The vote in the House of Representatives, Nancy Pelosi said, was close.", &house).is_empty());
        let un = [("Staffan de Mistura", 'p'), ("UN", 'o')];
        assert_eq!(
            one("He met the UN Special Envoy Staffan de Mistura.", &un),
            t("Staffan de Mistura", "part_of", "UN")
        );
        assert!(facts_of("He met the UN, and special guests Staffan de Mistura.", &un).is_empty());
    }

    #[test]
    fn commissioners_and_assistant_heads() {
        let ftc = [("Julie Brill", 'p'), ("Federal Trade Commission", 'o')];
        assert_eq!(
            one("Federal Trade Commission Commissioner Julie Brill said so.", &ftc),
            t("Julie Brill", "part_of", "Federal Trade Commission")
        );
        let police = [("Jane Roe", 'p'), ("Metropolitan Police", 'o')];
        assert_eq!(
            one("Metropolitan Police Commissioner Jane Roe said so.", &police),
            t("Jane Roe", "leads", "Metropolitan Police")
        );
        let doj = [("Alice S. Fisher", 'p'), ("Criminal Division", 'o'), ("Justice Department", 'o')];
        assert_eq!(
            one("said Assistant Attorney General Alice S. Fisher of the Criminal Division.", &doj),
            t("Alice S. Fisher", "leads", "Criminal Division")
        );
        // Not a unit, or not an assistant head: a member.
        assert_eq!(
            one("said Assistant Attorney General Alice S. Fisher of the Justice Department.", &doj),
            t("Alice S. Fisher", "part_of", "Justice Department")
        );
        assert_eq!(
            one("said trial attorney Alice S. Fisher of the Criminal Division.", &doj),
            t("Alice S. Fisher", "part_of", "Criminal Division")
        );
    }

    #[test]
    fn an_office_named_with_its_departments_possessive() {
        let names = [("U.S. Department of Commerce", 'o'), ("Patent and Trademark Office", 'o'), ("NIST", 'o')];
        let text = "The U.S. Department of Commerce acted. Commerce's Patent and Trademark Office issued guidance. The Department's NIST released tools.";
        let f = facts_of(text, &names);
        let got: Vec<(&str, &str, &str)> = f.iter().map(|(s, p, o, _)| (s.as_str(), p.as_str(), o.as_str())).collect();
        assert!(got.contains(&("Patent and Trademark Office", "part_of", "U.S. Department of Commerce")), "{got:?}");
        assert!(got.contains(&("NIST", "part_of", "U.S. Department of Commerce")), "{got:?}");
        // No department named: nothing; a name's possessive that is no department: nothing.
        assert!(facts_of("Commerce's Patent and Trademark Office issued guidance.", &names).is_empty());
        let smith = [("U.S. Department of Commerce", 'o'), ("Office Depot", 'o')];
        assert!(facts_of("The U.S. Department of Commerce acted. Smith's Office Depot sold pens.", &smith).is_empty());
        // "The Department's" when two departments are named: which one is not known.
        let two = [("Department of Commerce", 'o'), ("Department of Energy", 'o'), ("NIST", 'o')];
        let text = "The Department of Commerce and the Department of Energy met. The Department's NIST spoke.";
        assert!(facts_of(text, &two).is_empty());
    }

    #[test]
    fn investments_listed_in_pairs() {
        let names = [("Microsoft", 'o'), ("OpenAI", 'o'), ("Amazon", 'o'), ("Anthropic", 'o'), ("Google", 'o')];
        let text = "The orders went to firms in three multi-billion-dollar investments: Microsoft and OpenAI, Amazon and Anthropic, and Google and Anthropic.";
        let f = facts_of(text, &names);
        let got: Vec<(&str, &str, &str)> = f.iter().map(|(s, p, o, _)| (s.as_str(), p.as_str(), o.as_str())).collect();
        assert_eq!(
            got,
            [
                ("Microsoft", "invested_in", "OpenAI"),
                ("Amazon", "invested_in", "Anthropic"),
                ("Google", "invested_in", "Anthropic")
            ]
        );
        for text in [
            // No pairs after the colon: a sentence about them.
            "The investments: Amazon said Anthropic would grow.",
            // No cue.
            "The partners: Microsoft and OpenAI, Amazon and Anthropic.",
        ] {
            assert!(facts_of(text, &names).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_statements_heading_names_its_people_and_their_organisation() {
        let names = [("Edith Ramirez", 'p'), ("Julie Brill", 'p'), ("Federal Trade Commission", 'o')];
        let text = "Statement of Chairwoman Edith Ramirez and Commissioner Julie Brill Federal Trade Commission - In the Matter of X";
        let f = facts_of(text, &names);
        let got: Vec<(&str, &str, &str)> = f.iter().map(|(s, p, o, _)| (s.as_str(), p.as_str(), o.as_str())).collect();
        assert!(got.contains(&("Edith Ramirez", "leads", "Federal Trade Commission")), "{got:?}");
        assert!(got.contains(&("Julie Brill", "part_of", "Federal Trade Commission")), "{got:?}");
        for text in [
            // The organisation is not right after the last person.
            "Statement of Chairwoman Edith Ramirez on the Federal Trade Commission rule",
            // No title before the person.
            "Statement of Edith Ramirez Federal Trade Commission",
            // No heading.
            "Chairwoman Edith Ramirez and Commissioner Julie Brill spoke; Federal Trade Commission staff agreed",
        ] {
            let f = facts_of(text, &names);
            assert!(!f.iter().any(|(s, _, _, _)| s == "Edith Ramirez"), "{text}: {f:?}");
        }
    }

    #[test]
    fn a_title_between_commas_and_a_company_with_its_chief() {
        let fbi = [("Christopher A. Wray", 'p'), ("FBI", 'o')];
        assert_eq!(
            one("Richard Roe and Christopher A. Wray, Director, FBI, announced the charges.", &fbi),
            t("Christopher A. Wray", "leads", "FBI")
        );
        assert!(facts_of("Christopher A. Wray, Director, and FBI agents met.", &fbi).is_empty());
        assert!(facts_of("Christopher A. Wray, a critic, FBI", &fbi).is_empty());
        let quri = [("Quri Resources, Inc.", 'o'), ("Jaime Santiago Gomez", 'p')];
        assert_eq!(
            one("The SEC alleges that Quri Resources, Inc. and its CEO Jaime Santiago Gomez of Miami lied.", &quri),
            t("Jaime Santiago Gomez", "leads", "Quri Resources, Inc.")
        );
        let atlantis = [("Atlantis Technology Group", 'o'), ("Christopher Dubeau", 'p')];
        assert_eq!(
            one("The SEC charged Atlantis Technology Group and CEO Christopher Dubeau of Weston.", &atlantis),
            t("Christopher Dubeau", "leads", "Atlantis Technology Group")
        );
        assert!(facts_of("The SEC charged Atlantis Technology Group and former CEO Christopher Dubeau.", &atlantis)
            .iter()
            .all(|f| f.1 != "leads"));
        let apple = [("Apple", 'o'), ("Joe Biden", 'p')];
        assert!(facts_of("A deal between Apple and President Joe Biden was struck.", &apple).is_empty());
    }

    #[test]
    fn a_head_of_a_field_is_a_member_and_an_assistant_heads_a_unit() {
        let noaca = [("Ron Ecker", 'p'), ("Northeast Ohio Areawide Coordinating Agency", 'o')];
        assert_eq!(
            one("Ron Ecker, director of planning for Northeast Ohio Areawide Coordinating Agency, spoke.", &noaca),
            t("Ron Ecker", "part_of", "Northeast Ohio Areawide Coordinating Agency")
        );
        let airbus = [("Jane Roe", 'p'), ("Airbus", 'o')];
        assert_eq!(one("Jane Roe, head of sales at Airbus, said so.", &airbus), t("Jane Roe", "part_of", "Airbus"));
        assert!(facts_of("Jane Roe, head of the review for Airbus, said so.", &airbus).is_empty());
        let doj = [("Brian A. Benczkowski", 'p'), ("Justice Department", 'o'), ("Criminal Division", 'o')];
        let f = facts_of(
            "Brian A. Benczkowski, Assistant Attorney General of the Justice Department\u{2019}s Criminal Division, said so.",
            &doj,
        );
        assert!(
            f.iter().any(|f| (f.0.as_str(), f.1.as_str(), f.2.as_str())
                == ("Brian A. Benczkowski", "leads", "Criminal Division")),
            "{f:?}"
        );
        assert!(f.iter().all(|f| !(f.1 == "leads" && f.2 == "Justice Department")), "{f:?}");
        let only = [("Brian A. Benczkowski", 'p'), ("Justice Department", 'o')];
        assert!(facts_of(
            "Brian A. Benczkowski, Assistant Attorney General of the Justice Department, said so.",
            &only
        )
        .iter()
        .all(|f| f.1 != "leads"));
    }

    #[test]
    fn products_listed_after_their_makers_possessive_and_a_product_then_its_maker() {
        let ai = [("OpenAI", 'o'), ("GPT-5", 'x'), ("GPT-5-mini", 'x'), ("gpt-oss", 'x')];
        let f =
            facts_of("It evaluated four U.S. models (OpenAI\u{2019}s GPT-5, GPT-5-mini and gpt-oss and others).", &ai);
        let got: Vec<(&str, &str, &str)> = f.iter().map(|(s, p, o, _)| (s.as_str(), p.as_str(), o.as_str())).collect();
        assert_eq!(
            got,
            [("OpenAI", "develops", "GPT-5"), ("OpenAI", "develops", "GPT-5-mini"), ("OpenAI", "develops", "gpt-oss")]
        );
        let phones = [("Apple", 'o'), ("iPhone", 'x'), ("Pixel", 'x'), ("Galaxy", 'x')];
        let f = facts_of("Reviewers compared Apple's iPhone, Pixel and Galaxy phones this year.", &phones);
        assert_eq!(f.len(), 1, "{f:?}");
        let apple = [("Apple", 'o'), ("iPhone", 'x')];
        assert_eq!(
            one("The case is about the iPhone, Apple\u{2019}s signature smartphone product.", &apple),
            t("Apple", "develops", "iPhone")
        );
        let samsung = [("Samsung", 'o'), ("iPhone", 'x')];
        assert!(facts_of("The case is about the iPhone, Samsung's rival phone.", &samsung).is_empty());
        assert!(facts_of("They bought the iPhone, Samsung's profits fell.", &samsung).is_empty());
    }

    #[test]
    fn an_organisation_hires_someone_titled_in_another() {
        let jets = [("New York Jets", 'o'), ("Raven", 'o'), ("Rex Ryan", 'p')];
        let f = facts_of(
            "On Monday, the New York Jets hired Raven's defensive coordinator, Rex Ryan, to be their new head coach.",
            &jets,
        );
        let got: Vec<(&str, &str, &str)> = f.iter().map(|(s, p, o, _)| (s.as_str(), p.as_str(), o.as_str())).collect();
        for want in [
            ("Rex Ryan", "joins", "New York Jets"),
            ("Rex Ryan", "leaves", "Raven"),
            ("Rex Ryan", "leads", "New York Jets"),
        ] {
            assert!(got.contains(&want), "{want:?} in {got:?}");
        }
        let jets = [("New York Jets", 'o'), ("Rex Ryan", 'p')];
        let f = facts_of(
            "On Monday, the New York Jets hired Raven's defensive coordinator, Rex Ryan, to be their new head coach.",
            &jets,
        );
        let got: Vec<(&str, &str, &str)> = f.iter().map(|(s, p, o, _)| (s.as_str(), p.as_str(), o.as_str())).collect();
        assert_eq!(got, [("Rex Ryan", "leads", "New York Jets"), ("Rex Ryan", "joins", "New York Jets")]);
        assert!(facts_of("The New York Jets hired lawyers, Rex Ryan said.", &jets).is_empty());
        let f =
            facts_of("The New York Jets hired Boston's offensive coordinator, Rex Ryan, as their head coach.", &jets);
        assert!(f.iter().any(|f| f.1 == "joins"), "{f:?}");
        assert!(facts_of("The New York Jets hired a lawyer, Rex Ryan, to be their new head coach.", &jets).is_empty());
        let g = [("Microsoft", 'o'), ("Google", 'o'), ("Jane Roe", 'p')];
        let f = facts_of("Microsoft poached Google's head of research, Jane Roe.", &g);
        assert!(f.iter().any(|f| f.0 == "Jane Roe" && f.1 == "joins" && f.2 == "Microsoft"), "{f:?}");
        assert!(f.iter().all(|f| f.1 != "leads"), "{f:?}");
        for text in [
            "Microsoft praised Google's head of research, Jane Roe.",
            "Microsoft hired Google's former head of research, Jane Roe.",
            "If Microsoft hired Google's head of research, Jane Roe, it would win.",
            "Microsoft will hire Google's head of research, Jane Roe.",
            "Microsoft hired Google's head of research and Jane Roe.",
        ] {
            assert!(facts_of(text, &g).iter().all(|f| f.1 != "joins" && f.1 != "leaves"), "{text}");
        }
    }

    #[test]
    fn a_title_over_a_field_then_where_it_is_held() {
        let cdc = [("Schuchat", 'p'), ("Centers for Disease Control", 'o')];
        assert_eq!(
            one(
                "Dr. Schuchat is the interim deputy director for science and public health program at the Centers for Disease Control.",
                &cdc
            ),
            t("Schuchat", "part_of", "Centers for Disease Control")
        );
        let airbus = [("Jane Roe", 'p'), ("Airbus", 'o')];
        assert_eq!(one("Jane Roe, director for Asia at Airbus, said so.", &airbus), t("Jane Roe", "part_of", "Airbus"));
        for text in [
            "Jane Roe, head of the team that worked at Airbus, said so.",
            "Jane Roe, director for years who was at Airbus, said so.",
            "Jane Roe, a critic for decades at Airbus, said so.",
        ] {
            assert!(facts_of(text, &airbus).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_departments_title_wrapped_over_two_lines() {
        let names = [("Department of Commerce", 'o'), ("Howard Lutnick", 'p')];
        let text = "The Department of Commerce released it.\n\u{201c}The report is clear on the evaluation of American AI,\u{201d} said Secretary of\nCommerce Howard Lutnick.";
        assert_eq!(one(text, &names), t("Howard Lutnick", "leads", "Department of Commerce"));
        let text =
            "The Department of Commerce released it.\nIt was said to the former Secretary of\nCommerce Howard Lutnick.";
        assert!(facts_of(text, &names).is_empty());
        let text = "The Department of Commerce released it. The Secretary of\nState met Howard Lutnick.";
        assert!(facts_of(text, &names).is_empty());
    }

    #[test]
    fn hired_as_chief_and_rivals_after_and() {
        let g = [("Google", 'o'), ("Sundar Pichai", 'p')];
        let f = facts_of("Google appointed Sundar Pichai as chief executive in 2015.", &g);
        assert!(f.iter().any(|f| f.0 == "Sundar Pichai" && f.1 == "leads"), "{f:?}");
        let f = facts_of("Google hired Sundar Pichai as CEO.", &g);
        let got: Vec<&str> = f.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(got, ["leads", "joins"]);
        let p = [("Sundar Pichai", 'p'), ("Google", 'o')];
        assert_eq!(
            one("Sundar Pichai was hired as chief executive of Google.", &p),
            t("Sundar Pichai", "leads", "Google")
        );
        assert!(facts_of(
            "Forbes named Sundar Pichai as chief executive of the year.",
            &[("Forbes", 'o'), ("Sundar Pichai", 'p')]
        )
        .is_empty());
        assert!(facts_of("Google named Sundar Pichai as a suspect.", &g).is_empty());
        let b = [("Boeing", 'o'), ("Airbus", 'o')];
        assert_eq!(one("Boeing and its rival Airbus both lost orders.", &b), t("Boeing", "competes_with", "Airbus"));
        assert_eq!(one("Boeing and rival Airbus both lost orders.", &b), t("Boeing", "competes_with", "Airbus"));
        assert!(facts_of("Boeing and its suppliers and Airbus lost orders.", &b).is_empty());
        assert!(facts_of("Boeing and a rival of Airbus lost orders.", &b).is_empty());
    }
}
