//! Trusted contacts: the people she can call, and what each of them can do.
//!
//! Why typed in by hand only: reading the phone's address book would need a permission an
//! abuser can see, and would pull his contacts into her vault. The phone number is normalized
//! to E.164 ([`crate::phone`]) so the shell can dial it as stored; relation and capabilities
//! are content ids, so they show in whatever language she picks; name and code word are her
//! words, stored as written.

use crate::content::{ensure_choice, ChoiceList};
use crate::error::{Error, Result};
use crate::phone::normalize_phone;
use crate::session::Session;
use crate::text::{self, NAME_MAX_CHARS};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::fmt;

/// What she types for a contact.
#[derive(Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ContactDraft {
    /// Name as she wants to see it (required).
    pub name: String,
    /// Phone number in any accepted form (see [`normalize_phone`](crate::normalize_phone)).
    pub phone: String,
    /// Relation id (`labels.json` "relations").
    pub relation: String,
    /// An agreed code word or signal, if any.
    pub code_word: Option<String>,
    /// What this person can do: ids from `labels.json` "contact_capabilities".
    pub capabilities: Vec<String>,
    /// Whether to call this person in an emergency.
    pub emergency: bool,
}

/// A stored contact.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Contact {
    /// Row id.
    pub id: i64,
    /// Her name for this person.
    pub name: String,
    /// E.164 phone number.
    pub phone: String,
    /// Relation id.
    pub relation: String,
    /// Code word, if any.
    pub code_word: Option<String>,
    /// Capability ids, sorted.
    pub capabilities: Vec<String>,
    /// Emergency contact.
    pub emergency: bool,
    /// Place in her list (0 first).
    pub position: i64,
}

impl fmt::Debug for ContactDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContactDraft").finish_non_exhaustive()
    }
}

impl fmt::Debug for Contact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Contact")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// A validated draft, ready to store.
struct Valid {
    name: String,
    phone: String,
    relation: String,
    code_word: Option<String>,
    capabilities: Vec<String>,
    emergency: bool,
}

fn validate(d: &ContactDraft) -> Result<Valid> {
    text::required("name", &d.name, NAME_MAX_CHARS)?;
    let phone = normalize_phone(&d.phone)?;
    ensure_choice(ChoiceList::Relations, &d.relation, "relation")?;
    let code_word = text::optional("code_word", d.code_word.as_deref(), NAME_MAX_CHARS)?;
    let mut capabilities = d.capabilities.clone();
    capabilities.sort();
    capabilities.dedup();
    for c in &capabilities {
        ensure_choice(ChoiceList::ContactCapabilities, c, "capabilities")?;
    }
    Ok(Valid {
        name: d.name.clone(),
        phone,
        relation: d.relation.clone(),
        code_word,
        capabilities,
        emergency: d.emergency,
    })
}

pub(crate) fn add(conn: &Connection, draft: &ContactDraft) -> Result<Contact> {
    let v = validate(draft)?;
    let position: i64 = conn.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM contacts",
        [],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO contacts (name, phone, relation, code_word, emergency, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            v.name,
            v.phone,
            v.relation,
            v.code_word,
            v.emergency,
            position
        ],
    )?;
    let id = conn.last_insert_rowid();
    put_capabilities(conn, id, &v.capabilities)?;
    get(conn, id)
}

pub(crate) fn update(conn: &Connection, id: i64, draft: &ContactDraft) -> Result<Contact> {
    let v = validate(draft)?;
    let changed = conn.execute(
        "UPDATE contacts SET name = ?2, phone = ?3, relation = ?4, code_word = ?5, emergency = ?6
         WHERE id = ?1",
        params![id, v.name, v.phone, v.relation, v.code_word, v.emergency],
    )?;
    if changed == 0 {
        return Err(Error::NotFound { what: "contact" });
    }
    conn.execute(
        "DELETE FROM contact_capabilities WHERE contact_id = ?1",
        [id],
    )?;
    put_capabilities(conn, id, &v.capabilities)?;
    get(conn, id)
}

fn put_capabilities(conn: &Connection, id: i64, capabilities: &[String]) -> Result<()> {
    let mut stmt =
        conn.prepare("INSERT INTO contact_capabilities (contact_id, capability) VALUES (?1, ?2)")?;
    for c in capabilities {
        stmt.execute(params![id, c])?;
    }
    Ok(())
}

const SELECT: &str =
    "SELECT id, name, phone, relation, code_word, emergency, position FROM contacts";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get(0)?,
        name: r.get(1)?,
        phone: r.get(2)?,
        relation: r.get(3)?,
        code_word: r.get(4)?,
        capabilities: Vec::new(),
        emergency: r.get(5)?,
        position: r.get(6)?,
    })
}

fn with_capabilities(conn: &Connection, mut c: Contact) -> Result<Contact> {
    let mut stmt = conn.prepare(
        "SELECT capability FROM contact_capabilities WHERE contact_id = ?1 ORDER BY capability",
    )?;
    c.capabilities = stmt
        .query_map([c.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(c)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Contact> {
    let c = conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "contact" })?;
    with_capabilities(conn, c)
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY position, id"))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|c| with_capabilities(conn, c))
        .collect()
}

pub(crate) fn remove(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM contacts WHERE id = ?1", [id])? == 0 {
        return Err(Error::NotFound { what: "contact" });
    }
    renumber(conn, &ids_in_order(conn)?)
}

/// Moves a contact to `new_index` (clamped to the end) in her list.
pub(crate) fn move_to(conn: &Connection, id: i64, new_index: usize) -> Result<()> {
    let mut ids = ids_in_order(conn)?;
    let from = ids
        .iter()
        .position(|x| *x == id)
        .ok_or(Error::NotFound { what: "contact" })?;
    let moved = ids.remove(from);
    ids.insert(new_index.min(ids.len()), moved);
    renumber(conn, &ids)
}

fn ids_in_order(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT id FROM contacts ORDER BY position, id")?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

fn renumber(conn: &Connection, ids: &[i64]) -> Result<()> {
    let mut stmt = conn.prepare("UPDATE contacts SET position = ?2 WHERE id = ?1")?;
    for (position, id) in ids.iter().enumerate() {
        stmt.execute(params![id, position as i64])?;
    }
    Ok(())
}

/// Trusted contacts.
impl Session {
    /// Adds a contact at the end of her list.
    pub fn add_contact(&self, draft: &ContactDraft) -> Result<Contact> {
        self.with_tx(|tx| add(tx, draft))
    }

    /// Replaces a contact's details (its place in the list is kept).
    pub fn update_contact(&self, id: i64, draft: &ContactDraft) -> Result<Contact> {
        self.with_tx(|tx| update(tx, id, draft))
    }

    /// One contact.
    pub fn contact(&self, id: i64) -> Result<Contact> {
        self.with_conn(|c| get(c, id))
    }

    /// Her contacts, in her order.
    pub fn contacts(&self) -> Result<Vec<Contact>> {
        self.with_conn(|c| list(c))
    }

    /// Removes a contact.
    pub fn remove_contact(&self, id: i64) -> Result<()> {
        self.with_tx(|tx| remove(tx, id))
    }

    /// Moves a contact to `new_index` in her list (past the end means last).
    pub fn move_contact(&self, id: i64, new_index: u32) -> Result<()> {
        self.with_tx(|tx| move_to(tx, id, new_index as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_survivor_text() {
        let c = Contact {
            id: 7,
            name: "CANARY-NAME".into(),
            phone: "+77011234567".into(),
            relation: "friend".into(),
            code_word: Some("CANARY-WORD".into()),
            capabilities: vec![],
            emergency: true,
            position: 0,
        };
        let shown = format!("{c:?}");
        assert_eq!(shown, "Contact { id: 7, .. }");
        let draft = ContactDraft {
            name: "CANARY-NAME".into(),
            ..Default::default()
        };
        assert!(!format!("{draft:?}").contains("CANARY"));
    }
}
