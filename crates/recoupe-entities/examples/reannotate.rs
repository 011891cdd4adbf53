//! Reads a recoupe report (JSON) on standard input, recomputes every document's
//! entities and mentions and the story entities, and writes the report back: a way to
//! measure this stage alone on reports made earlier.
use recoupe_model::Report;

fn main() {
    let mut report: Report =
        serde_json::from_reader(std::io::stdin().lock()).expect("a recoupe JSON report");
    for d in &mut report.documents {
        let (entities, mentions) = recoupe_entities::find_entities(&d.text, &d.sentences);
        d.entities = entities;
        d.mentions = mentions;
    }
    recoupe_entities::merge_entities(&mut report);
    serde_json::to_writer(std::io::stdout().lock(), &report).expect("stdout");
}
