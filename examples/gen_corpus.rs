//! Deterministic corpus generator for benchmarks:
//! `cargo run --release --example gen_corpus -- DIR N [SEED]`.
//!
//! Writes N documents of about 4 KB into nested folders of DIR (a mix of plain `.txt` and `.md`
//! with YAML front matter), with person, organisation and product names that recur across
//! documents (a few names are very common, most are rare). Also writes `DIR.names.txt`: every
//! generated name, one per line (the patterns for `rg -F -f` and the items for `fzf --filter`),
//! and `DIR.catalog.toml`, a catalog of the same names (for `--catalog`, to link exactly what
//! rg searches for). The same arguments always give the same bytes.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

/// xorshift64*: small, fast and deterministic; statistical quality is irrelevant here.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Skewed towards small indices: a few names are everywhere, most are rare.
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        let c = self.below(n);
        a.min(b).min(c)
    }

    fn pick<'a>(&mut self, v: &'a [&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

const FIRST: &[&str] = &[
    "Maria", "James", "Wei", "Aisha", "Lars", "Priya", "Tom", "Elena", "Kofi", "Yuki", "Omar", "Sofia", "Daniel",
    "Ingrid", "Rahul", "Chloe", "Mateo", "Hana", "Peter", "Nadia", "Ravi", "Laura", "Kevin", "Marta", "David", "Sara",
    "Jonas", "Amara", "Felix", "Grace", "Hiroshi", "Isabel", "Karim", "Lena", "Marcus", "Nina", "Oscar", "Paula",
    "Rosa", "Simon",
];
const LAST: &[&str] = &[
    "Lopez",
    "Chen",
    "Okafor",
    "Lindqvist",
    "Patel",
    "Novak",
    "Garcia",
    "Mensah",
    "Tanaka",
    "Haddad",
    "Rossi",
    "Baker",
    "Johansson",
    "Sharma",
    "Dubois",
    "Silva",
    "Kim",
    "Schmidt",
    "Nakamura",
    "Rahman",
    "Menon",
    "Fischer",
    "Moreau",
    "Costa",
    "Walsh",
    "Ivanova",
    "Kowalski",
    "Andersen",
    "Yilmaz",
    "Hughes",
    "Brooks",
    "Foster",
    "Delgado",
    "Holt",
    "Whitaker",
    "Laurent",
    "Mendes",
    "Okoro",
    "Varga",
    "Berg",
];
const ORG_A: &[&str] = &[
    "Lumora",
    "Vertex",
    "Northgate",
    "Quillon",
    "Halvorsen",
    "Brightline",
    "Fernwood",
    "Voltara",
    "Riverstream",
    "Nimbus",
    "Cobalt",
    "Meridian",
    "Aster",
    "Juniper",
    "Solace",
    "Tessera",
];
const ORG_B: &[&str] = &["Labs", "Systems", "Technologies", "Group", "Health", "Energy", "Robotics", "Networks"];
const PRODUCT_A: &[&str] = &["Atlas", "Beacon", "Cinder", "Drift", "Ember", "Flux", "Glint", "Harbor", "Ion", "Jade"];
const PRODUCT_B: &[&str] = &["Pro", "Max", "One", "Edge", "Cloud", "AI", "Studio", "Core"];
const VERBS: &[&str] = &["said", "told analysts", "wrote in a memo", "confirmed", "warned", "added"];
const TOPICS: &[&str] = &[
    "the new data centre",
    "quarterly revenue",
    "the chip shortage",
    "its model roadmap",
    "hiring plans",
    "a pricing change",
    "the regulatory review",
    "customer demand",
    "the partnership",
    "energy costs",
];
const FILLER: &[&str] = &[
    "The company expects growth to continue through the year, according to people familiar with the plans.",
    "Analysts were divided on whether the move would pay off, citing rising costs and slower adoption.",
    "Executives declined to give figures but said the results were in line with internal targets.",
    "The announcement follows months of speculation about the direction of the business.",
    "Several customers have asked for more control over how their data is used to train models.",
    "Competition for engineers remains intense, and salaries for senior staff have risen sharply.",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(n)) = (args.next(), args.next().and_then(|n| n.parse::<usize>().ok())) else {
        eprintln!("usage: gen_corpus DIR N [SEED]");
        std::process::exit(2);
    };
    let seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(42u64);
    let dir = PathBuf::from(dir);
    let mut rng = Rng(seed.max(1).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let people: Vec<String> =
        (0..2000).map(|i| format!("{} {}", FIRST[i % FIRST.len()], LAST[(i / FIRST.len() + i) % LAST.len()])).collect();
    let orgs: Vec<String> =
        (0..120).map(|i| format!("{} {}", ORG_A[i % ORG_A.len()], ORG_B[(i / ORG_A.len()) % ORG_B.len()])).collect();
    let products: Vec<String> = (0..80)
        .map(|i| format!("{} {}", PRODUCT_A[i % PRODUCT_A.len()], PRODUCT_B[(i / PRODUCT_A.len()) % PRODUCT_B.len()]))
        .collect();
    let mut bytes = 0usize;
    for i in 0..n {
        let sub = dir.join(format!("{:03}", i / 1000)).join(format!("{:02}", (i / 100) % 10));
        std::fs::create_dir_all(&sub).expect("create folders");
        let who = people[rng.skewed(people.len())].clone();
        let other = people[rng.skewed(people.len())].clone();
        let org = orgs[rng.skewed(orgs.len())].clone();
        let product = products[rng.skewed(products.len())].clone();
        let surname = who.split(' ').nth(1).unwrap_or("").to_string();
        let title = format!(
            "{org} {} {product} as {who} takes charge",
            ["launches", "delays", "expands", "rethinks"][rng.below(4)]
        );
        let mut body = String::new();
        while body.len() < 3800 {
            match rng.below(5) {
                0 => {
                    let _ = write!(
                        body,
                        "{who}, chief executive of {org}, {} that {} was on track. ",
                        rng.pick(VERBS),
                        rng.pick(TOPICS)
                    );
                }
                1 => {
                    let _ = write!(body, "{surname} {} the {product} launch would go ahead. ", rng.pick(VERBS));
                }
                2 => {
                    let _ = write!(
                        body,
                        "{other}, who leads research at {}, {} about {}. ",
                        orgs[rng.skewed(orgs.len())],
                        rng.pick(VERBS),
                        rng.pick(TOPICS)
                    );
                }
                3 => body.push_str("\n\n"),
                _ => {
                    body.push_str(rng.pick(FILLER));
                    body.push(' ');
                }
            }
        }
        let md = i % 3 == 0;
        let text = if md {
            format!(
                "---\ntitle: \"{title}\"\ndate: \"20{:02}-{:02}-{:02}\"\nauthor: \"{}\"\ntags: [ai, {}]\n---\n\n# {title}\n\n{body}\n",
                15 + rng.below(11),
                1 + rng.below(12),
                1 + rng.below(28),
                people[rng.below(people.len())],
                org.split(' ').next().unwrap_or("").to_lowercase()
            )
        } else {
            format!("{title}\n\n{body}\n")
        };
        bytes += text.len();
        let name = format!("doc{i:06}.{}", if md { "md" } else { "txt" });
        std::fs::write(sub.join(name), text).expect("write document");
    }
    let names_path = PathBuf::from(format!("{}.names.txt", dir.display()));
    let mut f = std::fs::File::create(&names_path).expect("names file");
    for n in people.iter().chain(&orgs).chain(&products) {
        writeln!(f, "{n}").expect("write names");
    }
    let mut cat = String::new();
    for (names, kind) in [(&people, "person"), (&orgs, "org"), (&products, "service")] {
        for (i, n) in names.iter().enumerate() {
            let _ = writeln!(cat, "[[entity]]\nid = \"{kind}-{i}\"\nkind = \"{kind}\"\nname = \"{n}\"\n");
        }
    }
    std::fs::write(format!("{}.catalog.toml", dir.display()), cat).expect("catalog");
    eprintln!(
        "wrote {n} documents ({} MB) to {} and names to {}",
        bytes / 1_000_000,
        dir.display(),
        names_path.display()
    );
}
