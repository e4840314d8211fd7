//! QR codes for a person: drawn in the terminal with Unicode half blocks
//! (two rows of modules per line, dark on light with a quiet zone, which a
//! phone camera reads from a normal terminal), or written as a PNG for a
//! remote session (`--qr-png FILE`). A page's PNG is decoded first when the
//! page gives no text.

use crate::error::{Error, Result};
use crate::portal::web::Qr;

/// The QR's modules: `true` is dark; square, `size` × `size`.
pub struct Modules {
    size: usize,
    dark: Vec<bool>,
}

impl Modules {
    /// Encodes `content`.
    pub fn encode(content: &str) -> Option<Modules> {
        // Level L: a screen does not smudge, and the smallest code fits a
        // 24-line terminal.
        let code =
            qrcode::QrCode::with_error_correction_level(content.as_bytes(), qrcode::EcLevel::L)
                .ok()?;
        let size = code.width();
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        Some(Modules { size, dark })
    }

    /// How many terminal lines [`Modules::to_terminal`] takes.
    pub fn terminal_lines(&self) -> usize {
        (self.size + 4).div_ceil(2)
    }

    fn at(&self, x: isize, y: isize) -> bool {
        if x < 0 || y < 0 || x as usize >= self.size || y as usize >= self.size {
            return false;
        }
        self.dark[y as usize * self.size + x as usize]
    }

    /// Half-block lines (with a 2-module quiet zone), black on white.
    pub fn to_terminal(&self, colour: bool) -> String {
        let q = 2isize;
        let n = self.size as isize;
        let mut out = String::new();
        let mut y = -q;
        while y < n + q {
            if colour {
                out.push_str("\x1b[30;47m");
            }
            for x in -q..n + q {
                let (top, bottom) = (self.at(x, y), self.at(x, y + 1));
                out.push(match (top, bottom) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                });
            }
            if colour {
                out.push_str("\x1b[0m");
            }
            out.push('\n');
            y += 2;
        }
        out
    }

    /// A PNG: 8 pixels per module, a 4-module quiet zone.
    pub fn to_png(&self) -> Result<Vec<u8>> {
        let scale = 8usize;
        let q = 4usize;
        let side = (self.size + 2 * q) * scale;
        let mut pixels = vec![255u8; side * side];
        for y in 0..self.size {
            for x in 0..self.size {
                if self.dark[y * self.size + x] {
                    for dy in 0..scale {
                        let row = (y + q) * scale + dy;
                        let start = row * side + (x + q) * scale;
                        pixels[start..start + scale].fill(0);
                    }
                }
            }
        }
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, side as u32, side as u32);
            enc.set_color(png::ColorType::Grayscale);
            enc.set_depth(png::BitDepth::Eight);
            let mut w = enc.write_header().map_err(png_err)?;
            w.write_image_data(&pixels).map_err(png_err)?;
        }
        Ok(out)
    }
}

fn png_err(e: png::EncodingError) -> Error {
    Error::io(
        "<qr.png>",
        std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
    )
}

/// The content of a QR in a PNG image, when it can be read.
pub fn decode_png(bytes: &[u8]) -> Option<String> {
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.color_type.samples();
    let luma = |x: usize, y: usize| -> u8 {
        let i = (y * w + x) * channels;
        match channels {
            1 | 2 => buf[i],
            _ => ((buf[i] as u16 + buf[i + 1] as u16 + buf[i + 2] as u16) / 3) as u8,
        }
    };
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, luma);
    let grids = img.detect_grids();
    grids.first()?.decode().ok().map(|(_, s)| s)
}

/// The QR as modules: from the page's text, else from its image.
pub fn modules(qr: &Qr) -> Option<Modules> {
    let content = qr
        .content
        .clone()
        .or_else(|| qr.png.as_deref().and_then(decode_png))?;
    Modules::encode(&content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_draw_and_read_back() {
        let m = Modules::encode("vneid://login?session=abc123").unwrap();
        let text = m.to_terminal(false);
        assert!(text.lines().count() >= m.size / 2);
        assert!(text.contains('█'));
        let png = m.to_png().unwrap();
        assert_eq!(
            decode_png(&png).as_deref(),
            Some("vneid://login?session=abc123")
        );
    }
}
