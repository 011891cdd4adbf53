//! Prints the entities and mentions found in each text file given, one sentence per
//! line (a quick look at the rules without the whole pipeline).
use recoupe_model::Sentence;

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut sentences = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let end = start + line.trim_end().len();
            sentences.push(Sentence {
                index: sentences.len(),
                text: text[start..end].to_string(),
                start,
                end,
            });
            start += line.len();
        }
        let (entities, mentions) = recoupe_entities::find_entities(&text, &sentences);
        println!("== {path}");
        for e in &entities {
            let ms: Vec<&str> = mentions
                .iter()
                .filter(|m| m.entity == e.id)
                .map(|m| m.text.as_str())
                .collect();
            println!("{} {:?} {} <- {:?}", e.id, e.kind, e.name, ms);
        }
    }
}
