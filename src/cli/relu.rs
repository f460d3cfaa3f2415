//! `highdim regions`: count the linear regions of a network given as NET.json.

use crate::math::relu::{tessellate, ReluNet, TessellateOptions, Window};

/// Reads a network in NET.json form (`{"layers": [{"weights": [[…], …], "biases": […]}, …]}`,
/// hidden layers then the linear output layer, one weight row per output unit) and a window
/// `"xmin,xmax,ymin,ymax"`, and returns the JSON `{"regions": n, "per_layer": [n₁, …]}`:
/// the number of linear regions in the window, and after each hidden layer.
///
/// # Errors
/// A message for the user: malformed JSON (with line and column), ragged weights, layer
/// sizes that do not chain, an input dimension other than 2, non-finite numbers, an
/// architecture out of range, a malformed or empty window, or too many regions.
///
/// ```
/// use highdim::cli::relu::regions_json;
/// let net = r#"{"layers": [
///     {"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
///     {"weights": [[1, 1]], "biases": [-0.5]}]}"#;
/// assert_eq!(regions_json(net, "-1,1,-1,1").unwrap(), r#"{"regions":4,"per_layer":[4]}"#);
/// assert!(regions_json(net, "1,-1,-1,1").is_err());
/// ```
pub fn regions_json(net_json: &str, window: &str) -> Result<String, String> {
    let window: Window = window.parse().map_err(|e| format!("invalid window: {e}"))?;
    let net: ReluNet =
        serde_json::from_str(net_json).map_err(|e| format!("invalid NET.json: {e}"))?;
    let t =
        tessellate(&net, &window, &[], &TessellateOptions::default()).map_err(|e| e.to_string())?;
    #[derive(serde::Serialize)]
    struct Counts<'a> {
        regions: usize,
        per_layer: &'a [usize],
    }
    let counts = Counts {
        regions: t.len(),
        per_layer: t.per_layer(),
    };
    serde_json::to_string(&counts).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NET: &str = r#"{"layers": [
        {"weights": [[1, 0], [0, 1], [1, 1]], "biases": [0.1, -0.2, 0.05]},
        {"weights": [[1, -1, 0.5]], "biases": [0]}]}"#;

    fn err(net: &str, window: &str) -> String {
        regions_json(net, window).unwrap_err()
    }

    #[test]
    fn three_lines_make_seven_regions() {
        assert_eq!(
            regions_json(NET, "-1,1,-1,1").unwrap(),
            r#"{"regions":7,"per_layer":[7]}"#
        );
    }

    #[test]
    fn malformed_json() {
        let e = err("{\"layers\": [", "-1,1,-1,1");
        assert!(e.starts_with("invalid NET.json: EOF while parsing"), "{e}");
        assert!(e.contains("line 1"), "{e}");
        let e = err("{\"layer\": []}", "-1,1,-1,1");
        assert!(e.contains("missing field `layers`"), "{e}");
        let e = err(
            r#"{"layers": [{"weights": [[1, "a"]], "biases": [0]}]}"#,
            "-1,1,-1,1",
        );
        assert!(e.contains("invalid type"), "{e}");
    }

    #[test]
    fn shape_errors_are_explained() {
        let ragged = r#"{"layers": [
            {"weights": [[1, 0], [0]], "biases": [0, 0]},
            {"weights": [[1, 1]], "biases": [0]}]}"#;
        let e = err(ragged, "-1,1,-1,1");
        assert!(
            e.contains("layers[0].weights is ragged: row 1 has 1 entries"),
            "{e}"
        );
        let mismatch = r#"{"layers": [
            {"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
            {"weights": [[1, 1, 1]], "biases": [0]}]}"#;
        let e = err(mismatch, "-1,1,-1,1");
        assert!(
            e.contains("layers[1] reads 3 inputs but layers[0] has 2 outputs"),
            "{e}"
        );
        let three_d = r#"{"layers": [
            {"weights": [[1, 0, 0]], "biases": [0]},
            {"weights": [[1]], "biases": [0]}]}"#;
        let e = err(three_d, "-1,1,-1,1");
        assert!(e.contains("reads 3 inputs"), "{e}");
        assert!(e.contains("exactly 2 entries"), "{e}");
        let biases = r#"{"layers": [
            {"weights": [[1, 0]], "biases": [0, 1]},
            {"weights": [[1]], "biases": [0]}]}"#;
        assert!(err(biases, "-1,1,-1,1").contains("1 weight rows but 2 biases"));
        let only_output = r#"{"layers": [{"weights": [[1, 0]], "biases": [0]}]}"#;
        assert!(err(only_output, "-1,1,-1,1").contains("at least one hidden"));
    }

    #[test]
    fn non_finite_numbers_are_rejected() {
        // JSON has no NaN; serde_json refuses the literal and numbers that overflow.
        let nan = r#"{"layers": [{"weights": [[NaN, 0]], "biases": [0]},
                                 {"weights": [[1]], "biases": [0]}]}"#;
        assert!(err(nan, "-1,1,-1,1").starts_with("invalid NET.json"));
        let huge = r#"{"layers": [{"weights": [[1e400, 0]], "biases": [0]},
                                  {"weights": [[1]], "biases": [0]}]}"#;
        assert!(err(huge, "-1,1,-1,1").starts_with("invalid NET.json"));
    }

    #[test]
    fn window_errors() {
        assert!(err(NET, "-1,1,-1").contains("four numbers"));
        assert!(err(NET, "-1,x,-1,1").contains("xmax \"x\" is not a number"));
        assert!(err(NET, "1,-1,-1,1").contains("xmin = 1 must be less than xmax = -1"));
        assert!(err(NET, "-1,1,-1,inf").contains("finite"));
    }

    #[test]
    fn deep_net_counts_every_layer() {
        let net = ReluNet::random(&[6, 5, 4], 3, 9).unwrap();
        let json = serde_json::to_string(&net).unwrap();
        let out: serde_json::Value =
            serde_json::from_str(&regions_json(&json, "-1.2,1.2,-1.2,1.2").unwrap()).unwrap();
        let per_layer = out["per_layer"].as_array().unwrap();
        assert_eq!(per_layer.len(), 3);
        assert_eq!(per_layer[2], out["regions"]);
    }
}
