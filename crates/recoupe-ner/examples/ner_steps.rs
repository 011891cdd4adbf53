//! Print the per-step move scores for a text read from a JSON string file
//! (debugging aid for parity work): `ner_steps MODEL_DIR TEXT_JSON [SENT_STARTS_JSON]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: ner_steps MODEL_DIR TEXT_JSON");
        return;
    }
    let model = recoupe_ner::NerModel::load(std::path::Path::new(&args[1])).expect("model");
    let text: String =
        serde_json::from_str(&std::fs::read_to_string(&args[2]).expect("read")).expect("json");
    let starts: Vec<usize> = match args.get(3) {
        Some(p) => serde_json::from_str(&std::fs::read_to_string(p).expect("read")).expect("json"),
        None => Vec::new(),
    };
    let scores = model.step_scores(&text, &starts);
    println!("{}", serde_json::to_string(&scores).expect("json"));
}
