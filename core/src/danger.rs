//! The danger-sign reflection: which signs she recognizes, kept only for her.
//!
//! Why no score: validated risk instruments (such as the Danger Assessment) are licensed and
//! meant to be used with a trained advocate; a number computed by an app could reassure her
//! wrongly. Each sign stands alone with why it matters and a plain next step (see
//! `content/danger_signs.json`); the vault remembers only which ids she ticked, so she can
//! come back to the page.

use crate::content::{content, danger_signs, DangerSigns};
use crate::error::{Error, Result};
use crate::session::Session;
use rusqlite::params;

/// The danger-sign reflection.
impl Session {
    /// The danger signs in the current language.
    pub fn danger_signs(&self) -> Result<DangerSigns> {
        danger_signs(self.locale()?)
    }

    /// Records whether she recognizes a sign.
    pub fn set_danger_sign_ticked(&self, sign_id: &str, ticked: bool) -> Result<()> {
        if !content()?.danger.signs.iter().any(|s| s.id == sign_id) {
            return Err(Error::invalid("sign_id", "is not one of the danger signs"));
        }
        let now = self.now().timestamp();
        self.with_tx(|tx| {
            if ticked {
                tx.execute(
                    "INSERT INTO danger_sign_ticks (sign_id, ticked_at) VALUES (?1, ?2)
                     ON CONFLICT (sign_id) DO NOTHING",
                    params![sign_id, now],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM danger_sign_ticks WHERE sign_id = ?1",
                    [sign_id],
                )?;
            }
            Ok(())
        })
    }

    /// The ids of the signs she ticked, in content order.
    pub fn ticked_danger_signs(&self) -> Result<Vec<String>> {
        let ticked: Vec<String> = self.with_conn(|c| {
            let mut stmt = c.prepare("SELECT sign_id FROM danger_sign_ticks")?;
            let ids = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(ids)
        })?;
        Ok(content()?
            .danger
            .signs
            .iter()
            .filter(|s| ticked.contains(&s.id))
            .map(|s| s.id.clone())
            .collect())
    }

    /// The rights information for the region, in the current language.
    pub fn rights(&self) -> Result<Vec<crate::content::RightsStatement>> {
        crate::content::rights(self.locale()?)
    }
}
