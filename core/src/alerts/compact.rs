//! The form a stored alert is sealed in: [`crate::binary`], version byte first.
//!
//! Alerts are the one record kept by the thousand (a feed is 1,000 of them), and as JSON half of
//! storing one went into escaping its text and writing field names; the binary form is also
//! about half the size, which keeps a typical alert's sealed body inline in its row.
//!
//! Records written as JSON before this form existed still read: JSON starts with `{`, which is
//! no version byte. A new field means a new version byte, read alongside the old ones.

use super::{
    cap::{
        Alert, Area, CapCategory, CapCertainty, CapMsgType, CapScope, CapSeverity, CapStatus,
        CapUrgency, CapVersion, Circle, Info, Lenience, NamedValue, Reference,
    },
    inbox::{Door, ReadState, StoredAlert},
};
use crate::binary::{Reader, Writer};

const VERSION_1: u8 = 1;

pub(crate) fn encode(stored: &StoredAlert) -> Vec<u8> {
    // Enough for a typical alert's text, so the buffer grows once at most.
    let mut w = Writer::with_capacity(1024);
    w.byte(VERSION_1);
    w.str(&stored.id);
    alert(&mut w, &stored.alert);
    w.byte(stored.door as u8);
    w.opt_str(stored.publisher_id.as_deref());
    w.date(stored.received_at);
    w.byte(stored.state as u8);
    w.bool(stored.withdrawn);
    w.opt_str(stored.superseded_by.as_deref());
    w.into_bytes()
}

/// `None` for anything [`encode`] did not write (the caller reports it as tampered).
pub(crate) fn decode(bytes: &[u8]) -> Option<StoredAlert> {
    if bytes.first() == Some(&b'{') {
        return serde_json::from_slice(bytes).ok();
    }
    let mut r = Reader::new(bytes);
    if r.byte()? != VERSION_1 {
        return None;
    }
    let stored = StoredAlert {
        id: r.str()?,
        alert: read_alert(&mut r)?,
        door: pick(&[Door::Feed, Door::Push, Door::Sms], r.byte()?)?,
        publisher_id: r.opt_str()?,
        received_at: r.date()?,
        state: pick(
            &[ReadState::Unread, ReadState::Read, ReadState::Archived],
            r.byte()?,
        )?,
        withdrawn: r.bool()?,
        superseded_by: r.opt_str()?,
    };
    r.is_done().then_some(stored)
}

/// The value whose index was written, for enums written as `value as u8`. The order of `all`
/// is the declaration order, so it must list every variant.
fn pick<T: Copy>(all: &[T], index: u8) -> Option<T> {
    all.get(usize::from(index)).copied()
}

fn alert(w: &mut Writer, a: &Alert) {
    w.byte(a.version as u8);
    w.str(&a.identifier);
    w.str(&a.sender);
    w.date(a.sent);
    w.byte(a.status as u8);
    w.byte(a.msg_type as u8);
    w.byte(a.scope as u8);
    w.opt_str(a.source.as_deref());
    w.opt_str(a.note.as_deref());
    w.seq(&a.references, |w, r| {
        w.str(&r.sender);
        w.str(&r.identifier);
        w.date(r.sent);
    });
    w.seq(&a.infos, info);
    w.seq(&a.lenience, |w, l| w.byte(*l as u8));
}

fn read_alert(r: &mut Reader<'_>) -> Option<Alert> {
    Some(Alert {
        version: pick(&[CapVersion::V1_1, CapVersion::V1_2], r.byte()?)?,
        identifier: r.str()?,
        sender: r.str()?,
        sent: r.date()?,
        status: pick(CapStatus::ALL, r.byte()?)?,
        msg_type: pick(CapMsgType::ALL, r.byte()?)?,
        scope: pick(CapScope::ALL, r.byte()?)?,
        source: r.opt_str()?,
        note: r.opt_str()?,
        references: r.seq(|r| {
            Some(Reference {
                sender: r.str()?,
                identifier: r.str()?,
                sent: r.date()?,
            })
        })?,
        infos: r.seq(read_info)?,
        lenience: r.seq(|r| pick(&[Lenience::UtcDesignatorZ, Lenience::VeryLikely], r.byte()?))?,
    })
}

fn info(w: &mut Writer, i: &Info) {
    w.str(&i.language);
    w.seq(&i.categories, |w, c| w.byte(*c as u8));
    w.str(&i.event);
    w.seq(&i.event_codes, named_value);
    w.byte(i.urgency as u8);
    w.byte(i.severity as u8);
    w.byte(i.certainty as u8);
    w.opt_date(i.effective);
    w.opt_date(i.onset);
    w.opt_date(i.expires);
    for text in [
        &i.sender_name,
        &i.headline,
        &i.description,
        &i.instruction,
        &i.web,
        &i.contact,
    ] {
        w.opt_str(text.as_deref());
    }
    w.seq(&i.parameters, named_value);
    w.seq(&i.areas, area);
}

fn read_info(r: &mut Reader<'_>) -> Option<Info> {
    Some(Info {
        language: r.str()?,
        categories: r.seq(|r| pick(CapCategory::ALL, r.byte()?))?,
        event: r.str()?,
        event_codes: r.seq(read_named_value)?,
        urgency: pick(CapUrgency::ALL, r.byte()?)?,
        severity: pick(CapSeverity::ALL, r.byte()?)?,
        certainty: pick(CapCertainty::ALL, r.byte()?)?,
        effective: r.opt_date()?,
        onset: r.opt_date()?,
        expires: r.opt_date()?,
        sender_name: r.opt_str()?,
        headline: r.opt_str()?,
        description: r.opt_str()?,
        instruction: r.opt_str()?,
        web: r.opt_str()?,
        contact: r.opt_str()?,
        parameters: r.seq(read_named_value)?,
        areas: r.seq(read_area)?,
    })
}

fn area(w: &mut Writer, a: &Area) {
    w.str(&a.description);
    w.seq(&a.polygons, |w, ring| {
        w.seq(ring, |w, &(lat, lon)| {
            w.f64(lat);
            w.f64(lon);
        })
    });
    w.seq(&a.circles, |w, c| {
        w.f64(c.lat);
        w.f64(c.lon);
        w.f64(c.radius_km);
    });
    w.seq(&a.geocodes, named_value);
}

fn read_area(r: &mut Reader<'_>) -> Option<Area> {
    Some(Area {
        description: r.str()?,
        polygons: r.seq(|r| r.seq(|r| Some((r.f64()?, r.f64()?))))?,
        circles: r.seq(|r| {
            Some(Circle {
                lat: r.f64()?,
                lon: r.f64()?,
                radius_km: r.f64()?,
            })
        })?,
        geocodes: r.seq(read_named_value)?,
    })
}

fn named_value(w: &mut Writer, v: &NamedValue) {
    w.str(&v.name);
    w.str(&v.value);
}

fn read_named_value(r: &mut Reader<'_>) -> Option<NamedValue> {
    Some(NamedValue {
        name: r.str()?,
        value: r.str()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    /// Every alert model pinned from the shared CAP vectors: references, polygons, circles,
    /// parameters, several infos, both CAP versions.
    fn pinned_alerts() -> Vec<Alert> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/alerts/cap/pinned");
        let alerts: Vec<Alert> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| serde_json::from_slice(&std::fs::read(e.unwrap().path()).unwrap()).unwrap())
            .collect();
        assert!(alerts.len() >= 8);
        alerts
    }

    fn stored(alert: Alert) -> StoredAlert {
        StoredAlert {
            id: super::super::inbox::alert_id(&alert.key()),
            alert,
            door: Door::Feed,
            publisher_id: Some("pub-1".into()),
            received_at: datetime!(2026-11-28 10:00:00.5 +08:00),
            state: ReadState::Unread,
            withdrawn: false,
            superseded_by: None,
        }
    }

    #[test]
    fn every_pinned_alert_reads_back_exactly() {
        for alert in pinned_alerts() {
            let s = stored(alert);
            let back = decode(&encode(&s)).expect("what encode wrote decodes");
            assert_eq!(back, s);
            // `OffsetDateTime` equality is by instant; the offset shown to the user must survive.
            assert_eq!(back.alert.sent.offset(), s.alert.sent.offset());
            let expires = |a: &StoredAlert| {
                a.alert
                    .infos
                    .iter()
                    .map(|i| i.expires.map(|e| e.offset()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(expires(&back), expires(&s));
        }
    }

    /// Enums are written as their declaration index: a variant added or moved anywhere but at
    /// the end would silently change what old records mean, and this fails.
    #[test]
    fn every_enum_value_reads_back() {
        let base = stored(pinned_alerts().remove(0));
        let mut variants = Vec::new();
        for (i, door) in [Door::Feed, Door::Push, Door::Sms].into_iter().enumerate() {
            for state in [ReadState::Unread, ReadState::Read, ReadState::Archived] {
                let mut s = base.clone();
                s.door = door;
                s.state = state;
                s.withdrawn = i % 2 == 0;
                s.superseded_by = (i == 1).then(|| "later".into());
                s.publisher_id = (door != Door::Sms).then(|| "pub".into());
                variants.push(s);
            }
        }
        for (n, status) in CapStatus::ALL.iter().enumerate() {
            let mut s = base.clone();
            let a = &mut s.alert;
            a.status = *status;
            a.msg_type = CapMsgType::ALL[n % CapMsgType::ALL.len()];
            a.scope = CapScope::ALL[n % CapScope::ALL.len()];
            a.version = [CapVersion::V1_1, CapVersion::V1_2][n % 2];
            a.lenience = vec![Lenience::VeryLikely, Lenience::UtcDesignatorZ];
            let info = &mut a.infos[0];
            info.categories = CapCategory::ALL.to_vec();
            info.urgency = CapUrgency::ALL[n % CapUrgency::ALL.len()];
            info.severity = CapSeverity::ALL[n % CapSeverity::ALL.len()];
            info.certainty = CapCertainty::ALL[n % CapCertainty::ALL.len()];
            variants.push(s);
        }
        for s in variants {
            assert_eq!(decode(&encode(&s)), Some(s));
        }
        assert_eq!(encode(&base)[0], VERSION_1);
        let mut later_variant = encode(&base);
        // The byte after id and version is the CAP version: one past the last variant is refused.
        let version_at = 1 + 1 + base.id.len();
        later_variant[version_at] = 2;
        assert_eq!(decode(&later_variant), None);
    }

    /// Records sealed before this form existed are JSON; they still read.
    #[test]
    fn json_records_from_before_still_read() {
        for alert in pinned_alerts() {
            let s = stored(alert);
            assert_eq!(decode(&serde_json::to_vec(&s).unwrap()), Some(s));
        }
    }

    /// Sealed bodies are authenticated, so damage here means a bug or a newer build; still, no
    /// input may panic, and a cut or extended record never reads as a valid one.
    #[test]
    fn damaged_bytes_never_panic_and_cuts_never_decode() {
        let bytes = encode(&stored(pinned_alerts().remove(0)));
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
        for at in 0..bytes.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut damaged = bytes.clone();
                damaged[at] ^= flip;
                let _ = decode(&damaged);
            }
        }
        assert_eq!(decode(&[]), None);
        assert_eq!(decode(&[VERSION_1 + 1]), None);
    }
}
