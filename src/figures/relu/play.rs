//! Training on demand: the buttons (Play/Pause, Step, Reset weights, Clear points) and the
//! animation of Play, whose steps per frame follow the frame clock.

use super::partition::MAX_REGIONS;
use super::worker::{WorkerPath, LIVE_LIMIT};
use super::ReluFigure;
use crate::figures::{Action, Response};

/// Optimizer steps per animation frame (≈ 240 steps per second at 60 frames per second).
pub const STEPS_PER_FRAME: u64 = 4;
/// A frame that starts this long after the previous one (ms) halves the steps per frame.
const LATE_FRAME_MS: f64 = 24.0;
/// A frame this close to the previous one (ms) adds a step per frame, up to
/// [`STEPS_PER_FRAME`].
const ON_TIME_FRAME_MS: f64 = 19.0;
/// Steps done by the Step button.
pub const STEP_BATCH: u64 = 25;
/// Steps one press of Play trains at most before stopping by itself.
pub const PLAY_STEPS: u64 = 2000;
/// Steps done at once by Play under reduced motion (the end state, no animation).
pub const REDUCED_MOTION_STEPS: u64 = 500;
/// Steps per frame of Play under reduced motion for a big network (training a 6 × 32 network
/// takes about half a millisecond a step in wasm).
pub(super) const QUIET_STEPS_PER_FRAME: u64 = 25;
/// Regions that can be re-partitioned every frame; above this, play re-partitions every k-th
/// frame with k ≈ regions / this.
const REGIONS_PER_FRAME: usize = 4000;

/// An animation of training in progress.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Play {
    /// Steps left before it stops by itself.
    pub remaining: u64,
    /// Frames since the last partition.
    pub frames: u32,
    /// The full partition is too big to recompute and draw every frame: the Web Worker counts
    /// it (a [`crate::jobs::JobSpec::ReluPartition`]) while the main thread draws a coarser
    /// per-layer view.
    pub worker: bool,
    /// Play under reduced motion for a big network: the steps are spread over frames (so no
    /// task is long) and the picture is not redrawn until the end state.
    pub quiet: bool,
    /// Time of the last frame (the page's animation clock, ms; 0 before the first).
    pub last_ms: f64,
    /// Optimizer steps per frame now, 1..=[`STEPS_PER_FRAME`]: fewer while frames come late.
    pub per_frame: u64,
}

impl Play {
    /// An animation of `remaining` steps from its first frame.
    fn new(remaining: u64, worker: bool, quiet: bool) -> Self {
        Play {
            remaining,
            frames: 0,
            worker,
            quiet,
            last_ms: 0.0,
            per_frame: STEPS_PER_FRAME,
        }
    }

    /// Steers the step budget by the frame clock: a frame that came late (the machine is
    /// busy, or the last frame's work was long) means fewer steps in this one, down to one;
    /// frames on time earn them back.
    fn pace(&mut self, now_ms: f64) {
        if now_ms > 0.0 && self.last_ms > 0.0 {
            let gap = now_ms - self.last_ms;
            if gap > LATE_FRAME_MS {
                self.per_frame = (self.per_frame / 2).max(1);
            } else if gap < ON_TIME_FRAME_MS {
                self.per_frame = (self.per_frame + 1).min(STEPS_PER_FRAME);
            }
        }
        self.last_ms = now_ms;
    }
}

impl ReluFigure {
    /// The buttons: Play/Pause, Step ×25, Reset weights, Clear points.
    pub(super) fn buttons(&self) -> Vec<Action> {
        let trainable = self.model.trainer.is_some() && self.model.divergence.is_none();
        vec![
            Action {
                id: "play",
                label: if self.play.is_some() { "Pause" } else { "Play" },
                enabled: trainable,
            },
            Action {
                id: "step",
                label: "Step ×25",
                enabled: trainable && self.play.is_none(),
            },
            Action {
                id: "reset",
                label: "Reset weights",
                enabled: self.model.setup_error.is_none() || !self.data.set.train.is_empty(),
            },
            Action {
                id: "clear",
                label: "Clear points",
                enabled: self.is_own() && !self.own.points.is_empty(),
            },
        ]
    }

    /// Runs button `id`; `reduced_motion` asks Play for the end state instead of an
    /// animation.
    pub(super) fn press_button(&mut self, id: &str, reduced_motion: bool) -> Response {
        match id {
            "play" if self.play.is_some() => self.pause(),
            "play" => self.start_play(reduced_motion),
            "step" => {
                self.play = None;
                if self.model.trainer.is_none() || self.model.divergence.is_some() {
                    return Response::NONE;
                }
                self.train(STEP_BATCH);
                self.repartition();
                Response::PARAMS
            }
            "reset" => {
                self.reinitialise();
                Response::PARAMS
            }
            "clear" => self.clear_points(),
            _ => Response::NONE,
        }
    }

    /// Pause: the partition of the weights reached, here or (too big) by the worker.
    fn pause(&mut self) -> Response {
        let Some(p) = self.play.take() else {
            return Response::NONE;
        };
        if p.worker && self.worker.offloaded && matches!(self.partition.view, Some(Ok(_))) {
            // The last frame already shows these weights' first layers: only the full count
            // is missing, and the worker does it. (Play recomputes the accuracies every few
            // frames: bring them to these weights.)
            self.worker.request = None;
            self.ensure_request();
            // Until the worker's picture arrives, the first layers shown are those of these
            // weights (Play kept an earlier view while waiting for it), with the accuracies
            // Play recomputes only every few frames.
            let limit = self.worker.main_limit;
            let hint = self
                .worker
                .live
                .as_ref()
                .filter(|l| l.error.is_none())
                .map(|l| WorkerPath::layers_within(&l.per_layer, limit));
            self.offloaded_view(hint);
        } else {
            self.repartition();
        }
        Response::PARAMS
    }

    /// Play: an animation (on the worker path for a big network), or under reduced motion
    /// the end state (spread over quiet frames for a big network).
    fn start_play(&mut self, reduced_motion: bool) -> Response {
        if self.model.trainer.is_none() || self.model.divergence.is_some() {
            return Response::NONE;
        }
        if reduced_motion && self.worker.offloaded {
            // The end state without motion, trained over several frames.
            self.play = Some(Play::new(REDUCED_MOTION_STEPS, false, true));
            return Response::PARAMS;
        }
        if reduced_motion {
            // The end state at once, no motion.
            self.train(REDUCED_MOTION_STEPS);
            self.repartition();
            return Response::PARAMS;
        }
        let big = self.worker.offloaded
            || match &self.partition.full {
                Some(Ok(f)) => f.len() > LIVE_LIMIT,
                Some(Err(_)) => true,
                None => false,
            };
        self.play = Some(Play::new(PLAY_STEPS, big, false));
        if big {
            self.worker.request = None;
            self.live_frame();
        }
        Response::PARAMS
    }

    /// One frame of Play at time `now_ms`; returns whether it goes on.
    pub(super) fn frame(&mut self, now_ms: f64) -> bool {
        let Some(mut play) = self.play else {
            return false;
        };
        play.pace(now_ms);
        if play.quiet {
            return self.quiet_frame(play);
        }
        let n = play.per_frame.min(play.remaining);
        let ok = self.train(n);
        play.remaining -= n;
        play.frames += 1;
        if play.worker && ok && play.remaining > 0 {
            self.play = Some(play);
            self.live_frame();
            return true;
        }
        let last = match &self.partition.full {
            Some(Ok(f)) => f.len(),
            _ => MAX_REGIONS,
        };
        let every = last.div_ceil(REGIONS_PER_FRAME).clamp(1, 15) as u32;
        let finished = !ok || play.remaining == 0;
        if finished || play.frames >= every {
            play.frames = 0;
            self.repartition();
            // Grown too big for the main thread: the worker counts from now on.
            play.worker = self.worker.offloaded;
        }
        if finished {
            self.play = None;
            return false;
        }
        self.play = Some(play);
        true
    }

    /// A frame of Play under reduced motion for a big network: steps only, the partition at
    /// the end.
    fn quiet_frame(&mut self, mut play: Play) -> bool {
        let n = QUIET_STEPS_PER_FRAME.min(play.remaining);
        let ok = self.train(n);
        play.remaining -= n;
        if ok && play.remaining > 0 {
            self.play = Some(play);
            return true;
        }
        self.play = None;
        self.repartition();
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::relu::test_support::fig;
    use crate::figures::Figure;

    #[test]
    fn training_by_step_and_reduced_motion_play() {
        let mut f = fig("nn.depth=2&nn.width=8&nn.lr=0.03");
        assert!(f.action("step", false).params_changed);
        assert_eq!(f.steps(), STEP_BATCH);
        assert!(
            f.summary().starts_with("Step 25, batch loss"),
            "{}",
            f.summary()
        );
        // Reduced motion: Play jumps to the result and does not animate.
        assert!(f.action("play", true).params_changed);
        assert_eq!(f.steps(), STEP_BATCH + REDUCED_MOTION_STEPS);
        assert!(!f.tick(0.0));
        let tr = f.scores.metrics.unwrap().train;
        assert!(tr.accuracy > 0.9, "{}", tr.accuracy);
        assert_eq!(f.history.points.len(), 3);
        // Reset: back to the initial network.
        f.action("reset", false);
        assert_eq!(f.steps(), 0);
        assert_eq!(f.history.points.len(), 1);
    }

    #[test]
    fn play_animates_pauses_and_stops_by_itself() {
        let mut f = fig("nn.depth=2&nn.width=8");
        f.action("play", false);
        assert_eq!(f.actions()[0].label, "Pause");
        assert!(f.tick(0.0));
        assert_eq!(f.steps(), STEPS_PER_FRAME);
        assert!(f.action("play", false).params_changed);
        assert_eq!(f.actions()[0].label, "Play");
        assert!(!f.tick(16.0));
        f.action("play", false);
        let mut frames = 0;
        while f.tick(frames as f64 * 16.0) {
            frames += 1;
            assert!(frames < 10_000);
        }
        assert_eq!(f.steps(), STEPS_PER_FRAME + PLAY_STEPS);
        assert!(f.play.is_none());
    }
}
