//! Plots of a core's accuracy: the error of every input against the input value, and the error
//! histogram, as SVG and PNG. Text needs a TrueType font: DejaVu Sans from Debian's
//! `fonts-dejavu-core` is used when present, otherwise the plots are skipped with a reason.

use std::path::{Path, PathBuf};

use isrlu_sw::metrics::Histogram;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Error of input `x` in ulps: `(x value, min error, max error)` per column of the plot.
pub type ErrorBand = Vec<(f64, f64, f64)>;

const FONT_PATHS: [&str; 2] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
];

fn load_font() -> Result<(), String> {
    use std::sync::OnceLock;
    static FONT: OnceLock<Result<(), String>> = OnceLock::new();
    FONT.get_or_init(|| {
        let path = FONT_PATHS.iter().find(|p| Path::new(p).is_file()).ok_or_else(|| {
            "no DejaVu Sans font for PNG text (install it with `apt-get install -y fonts-dejavu-core`)".to_string()
        })?;
        let bytes: &'static [u8] = Box::leak(std::fs::read(path).map_err(|e| e.to_string())?.into_boxed_slice());
        plotters::style::register_font("sans-serif", FontStyle::Normal, bytes)
            .map_err(|_| format!("cannot load the font {path}"))
    })
    .clone()
}

fn draw_errors<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    title: &str,
    band: &ErrorBand,
) -> Result<(), String>
where
    DB::ErrorType: 'static,
{
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&WHITE).map_err(e)?;
    let (x0, x1) = (
        band.first().map_or(0.0, |b| b.0),
        band.last().map_or(1.0, |b| b.0),
    );
    let lim = band
        .iter()
        .map(|b| b.1.abs().max(b.2.abs()))
        .fold(0.5f64, f64::max)
        * 1.1;
    let mut chart = ChartBuilder::on(&area)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(x0..x1, -lim..lim)
        .map_err(e)?;
    chart
        .configure_mesh()
        .x_desc("input x")
        .y_desc("error (output ulps)")
        .draw()
        .map_err(e)?;
    chart
        .draw_series(
            band.iter()
                .map(|&(x, lo, hi)| PathElement::new(vec![(x, lo), (x, hi)], BLUE.stroke_width(1))),
        )
        .map_err(e)?;
    for bound in [-0.5, 0.5] {
        chart
            .draw_series(LineSeries::new(
                [(x0, bound), (x1, bound)],
                RED.stroke_width(1),
            ))
            .map_err(e)?;
    }
    area.present().map_err(e)
}

fn draw_histogram<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    title: &str,
    h: &Histogram,
) -> Result<(), String>
where
    DB::ErrorType: 'static,
{
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&WHITE).map_err(e)?;
    let used: Vec<usize> = (0..h.counts.len()).filter(|&i| h.counts[i] > 0).collect();
    let (first, last) = (
        used.first().copied().unwrap_or(0),
        used.last().copied().unwrap_or(0),
    );
    let edge = |i: usize| h.first_edge_ulp + i as f64 * h.bin_width_ulp;
    let (x0, x1) = (edge(first).min(-0.5), edge(last + 1).max(0.5));
    let top = h.counts.iter().copied().max().unwrap_or(1) as f64 * 1.1;
    let mut chart = ChartBuilder::on(&area)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(x0..x1, 0.0..top)
        .map_err(e)?;
    chart
        .configure_mesh()
        .x_desc("error (output ulps)")
        .y_desc("inputs")
        .draw()
        .map_err(e)?;
    chart
        .draw_series(used.iter().map(|&i| {
            Rectangle::new(
                [(edge(i), 0.0), (edge(i + 1), h.counts[i] as f64)],
                BLUE.filled(),
            )
        }))
        .map_err(e)?;
    area.present().map_err(e)
}

/// Writes `errors.svg`, `histogram.svg`, `errors.png` and `histogram.png` into `dir`. Returns
/// the files written and, if the plots were skipped (plotters lays text out with a TrueType
/// font, for SVG too), why.
pub fn write(
    dir: &Path,
    title: &str,
    band: &ErrorBand,
    h: &Histogram,
) -> Result<(Vec<PathBuf>, Option<String>), String> {
    if let Err(why) = load_font() {
        return Ok((Vec::new(), Some(format!("plots skipped: {why}"))));
    }
    let mut files = Vec::new();
    let (w, hgt) = (1000, 500);
    let path = dir.join("errors.svg");
    draw_errors(
        SVGBackend::new(&path, (w, hgt)).into_drawing_area(),
        &format!("{title}: error of every input"),
        band,
    )?;
    files.push(path);
    let path = dir.join("histogram.svg");
    draw_histogram(
        SVGBackend::new(&path, (w, hgt)).into_drawing_area(),
        &format!("{title}: error histogram"),
        h,
    )?;
    files.push(path);
    let path = dir.join("errors.png");
    draw_errors(
        BitMapBackend::new(&path, (w, hgt)).into_drawing_area(),
        &format!("{title}: error of every input"),
        band,
    )?;
    files.push(path);
    let path = dir.join("histogram.png");
    draw_histogram(
        BitMapBackend::new(&path, (w, hgt)).into_drawing_area(),
        &format!("{title}: error histogram"),
        h,
    )?;
    files.push(path);
    Ok((files, None))
}

fn draw_front<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    title: &str,
    points: &[(f64, f64, bool)],
) -> Result<(), String>
where
    DB::ErrorType: 'static,
{
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&WHITE).map_err(e)?;
    let xmax = points.iter().map(|p| p.0).fold(1.0f64, f64::max) * 1.1;
    let ymax = points.iter().map(|p| p.1).fold(0.5f64, f64::max) * 1.2;
    let mut chart = ChartBuilder::on(&area)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(0.0..xmax, 0.0..ymax)
        .map_err(e)?;
    chart
        .configure_mesh()
        .x_desc("cost (LUT + 64 DSP + 64 BRAM)")
        .y_desc("max error (ulps)")
        .draw()
        .map_err(e)?;
    chart
        .draw_series(
            points
                .iter()
                .filter(|p| !p.2)
                .map(|p| Circle::new((p.0, p.1), 3, BLUE.stroke_width(1))),
        )
        .map_err(e)?;
    chart
        .draw_series(
            points
                .iter()
                .filter(|p| p.2)
                .map(|p| Circle::new((p.0, p.1), 5, RED.filled())),
        )
        .map_err(e)?;
    area.present().map_err(e)
}

/// `front.svg` and `front.png`: every explored point (cost, max error), the front in red.
pub fn write_front(
    dir: &Path,
    title: &str,
    points: &[(f64, f64, bool)],
) -> Result<Option<String>, String> {
    if let Err(why) = load_font() {
        return Ok(Some(format!("plots skipped: {why}")));
    }
    let t = format!("{title}: max error against area");
    draw_front(
        SVGBackend::new(&dir.join("front.svg"), (1000, 500)).into_drawing_area(),
        &t,
        points,
    )?;
    draw_front(
        BitMapBackend::new(&dir.join("front.png"), (1000, 500)).into_drawing_area(),
        &t,
        points,
    )?;
    Ok(None)
}
