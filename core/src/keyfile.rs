//! The keys file (`k`): fixed size, sealed as a whole by the [`KeyProtector`].
//!
//! Plain layout before sealing (all integers little-endian):
//!
//! ```text
//! header  magic "HVNK" | version u16 (2) | reserved u16 | m_kib u32 | t u32 | p u32 | salt [16]
//!         | failures u32 | wipe_after u32 (0 = off)
//!         | delay start: boot id [16] | ms since boot u64 | started u8 | reserved [7]
//! slots   4 × (nonce [24] | XChaCha20-Poly1305(slot plaintext [48]) | tag [16])
//! ```
//!
//! A used slot is the AEAD encryption, under the KEK of one PIN, of
//! `role u8 | db u8 | duress behaviour u8 | shred u8 | duress slot index u8 | reserved [11] | DEK [32]`.
//! Unused slots are random bytes of the same size, so nobody who can open the file (an attacker
//! holding the unlocked phone can make the protector open it) can tell how many PINs exist.
//! Slot positions are random too. The AEAD's associated data binds each slot to the format
//! version, the Argon2id parameters and the salt: a header altered to other parameters opens no
//! slot, and parameters outside the floor and cap ([`KdfParams::within`]) are refused as a
//! damaged file before any PIN is tried, never counted as a wrong PIN.
//!
//! Format 1 (no device mix, wall-clock throttle, parameters outside the AAD) was never released;
//! a format-1 file is reported as damaged.

use crate::error::{Error, Result};
use crate::fsutil;
use crate::kdf::{fill_random, KdfParams, Key256, SALT_LEN};
use crate::protector::KeyProtector;
use crate::throttle::BootInstant;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use std::path::Path;
use zeroize::Zeroizing;

const MAGIC: &[u8; 4] = b"HVNK";
const VERSION: u16 = 2;
/// Number of key slots: real, decoy key, duress, one spare.
pub(crate) const SLOT_COUNT: usize = 4;
const NONCE_LEN: usize = 24;
const SLOT_PLAIN_LEN: usize = 48;
const SLOT_LEN: usize = NONCE_LEN + SLOT_PLAIN_LEN + 16;
const HEADER_LEN: usize = 4 + 2 + 2 + 12 + SALT_LEN + 4 + 4 + 16 + 8 + 8;
/// Length of the keys file before the protector seals it.
pub(crate) const PLAIN_LEN: usize = HEADER_LEN + SLOT_COUNT * SLOT_LEN;
const NO_SLOT: u8 = 0xFF;

/// Which database a slot's key opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Db {
    /// `a.db`, the real vault.
    Real,
    /// `b.db`, the decoy.
    Decoy,
}

/// What happens when the duress PIN is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum DuressBehaviour {
    /// Behave exactly like a wrong PIN: the calculator just shows the number.
    NothingHere,
    /// Open the decoy vault, which holds only generic content and what she curated there.
    OpenDecoy,
}

/// What a slot is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// The real PIN's key to the real database. Records where the duress slot is.
    Real { duress_slot: Option<usize> },
    /// The real PIN's key to the decoy database (so she can curate the decoy).
    DecoyKey,
    /// The duress PIN's key to the decoy database and its behaviour.
    Duress {
        behaviour: DuressBehaviour,
        shred_real: bool,
    },
}

/// A decrypted slot.
pub(crate) struct Slot {
    pub role: Role,
    pub dek: Key256,
}

impl Slot {
    pub(crate) fn db(&self) -> Db {
        match self.role {
            Role::Real { .. } => Db::Real,
            Role::DecoyKey | Role::Duress { .. } => Db::Decoy,
        }
    }

    fn encode(&self) -> Zeroizing<[u8; SLOT_PLAIN_LEN]> {
        let mut p = Zeroizing::new([0u8; SLOT_PLAIN_LEN]);
        let (role, behaviour, shred, duress_index) = match self.role {
            Role::Real { duress_slot } => (1, 0, 0, duress_slot.map_or(NO_SLOT, |i| i as u8)),
            Role::DecoyKey => (2, 0, 0, NO_SLOT),
            Role::Duress {
                behaviour,
                shred_real,
            } => (
                3,
                match behaviour {
                    DuressBehaviour::NothingHere => 0,
                    DuressBehaviour::OpenDecoy => 1,
                },
                u8::from(shred_real),
                NO_SLOT,
            ),
        };
        p[0] = role;
        p[1] = match self.db() {
            Db::Real => 0,
            Db::Decoy => 1,
        };
        p[2] = behaviour;
        p[3] = shred;
        p[4] = duress_index;
        p[16..].copy_from_slice(self.dek.as_ref());
        p
    }

    fn decode(p: &[u8]) -> Option<Slot> {
        let role = match (p[0], p[2], p[4]) {
            (1, _, NO_SLOT) => Role::Real { duress_slot: None },
            (1, _, i) if usize::from(i) < SLOT_COUNT => Role::Real {
                duress_slot: Some(usize::from(i)),
            },
            (2, _, _) => Role::DecoyKey,
            (3, b, _) => Role::Duress {
                behaviour: if b == 1 {
                    DuressBehaviour::OpenDecoy
                } else {
                    DuressBehaviour::NothingHere
                },
                shred_real: p[3] == 1,
            },
            _ => return None,
        };
        let mut dek = Zeroizing::new([0u8; 32]);
        dek.copy_from_slice(&p[16..]);
        Some(Slot { role, dek })
    }
}

/// The keys file in memory: a plain header and the still-encrypted slots.
pub(crate) struct KeysFile {
    pub params: KdfParams,
    pub salt: [u8; SALT_LEN],
    pub failures: u32,
    pub wipe_after: u32,
    /// When the current throttle delay began, on the boot clock.
    pub delay_started: Option<BootInstant>,
    slots: [[u8; SLOT_LEN]; SLOT_COUNT],
}

impl KeysFile {
    /// A new keys file with a fresh salt and every slot random.
    pub(crate) fn new(params: KdfParams) -> Self {
        let mut salt = [0u8; SALT_LEN];
        fill_random(&mut salt);
        let mut file = KeysFile {
            params,
            salt,
            failures: 0,
            wipe_after: 0,
            delay_started: None,
            slots: [[0u8; SLOT_LEN]; SLOT_COUNT],
        };
        for i in 0..SLOT_COUNT {
            file.clear_slot(i);
        }
        file
    }

    /// Reads and unseals the keys file, refusing KDF parameters outside `floor`..cap. A
    /// zero-length file is the mark of a wipe in progress and must be handled by the caller
    /// before calling this. Sealing keys older than the one that opened the file are retired
    /// (after a crash between a write and its retirement).
    pub(crate) fn load(
        path: &Path,
        protector: &dyn KeyProtector,
        floor: &KdfParams,
    ) -> Result<KeysFile> {
        let sealed = match std::fs::read(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::NotSetUp),
            other => other.map_err(Error::io("read the keys file"))?,
        };
        let plain = protector.open(&sealed).map_err(|e| match e {
            crate::protector::ProtectorError::KeyUnavailable => Error::ProtectorUnavailable,
            // A sealed file that does not authenticate was altered or truncated.
            crate::protector::ProtectorError::Failed => Error::Corrupt { what: "keys file" },
        })?;
        let keys = Self::decode(&plain)?;
        if !keys.params.within(floor) {
            return Err(Error::Corrupt { what: "keys file" });
        }
        // Best effort: a key that could not be retired now is retired by the next write.
        let _ = protector.retire_other_keys(&sealed);
        Ok(keys)
    }

    /// Seals the keys file under a new platform key, writes it atomically, then retires every
    /// older sealing key: from then on no earlier copy of the file opens.
    pub(crate) fn store(&self, path: &Path, protector: &dyn KeyProtector) -> Result<()> {
        let sealed = protector.seal(&self.encode())?;
        fsutil::write_atomic(path, &sealed).map_err(Error::io("write the keys file"))?;
        // Best effort (the file is durable and the operation done): a failure here leaves an
        // old key that the next load or store retires.
        let _ = protector.retire_other_keys(&sealed);
        Ok(())
    }

    fn encode(&self) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(Vec::with_capacity(PLAIN_LEN));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        for v in [self.params.m_kib, self.params.t, self.params.p] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.salt);
        out.extend_from_slice(&self.failures.to_le_bytes());
        out.extend_from_slice(&self.wipe_after.to_le_bytes());
        let start = self.delay_started.unwrap_or(BootInstant {
            boot_id: [0; 16],
            since_boot_ms: 0,
        });
        out.extend_from_slice(&start.boot_id);
        out.extend_from_slice(&start.since_boot_ms.to_le_bytes());
        out.push(u8::from(self.delay_started.is_some()));
        out.extend_from_slice(&[0u8; 7]);
        for slot in &self.slots {
            out.extend_from_slice(slot);
        }
        debug_assert_eq!(out.len(), PLAIN_LEN);
        out
    }

    fn decode(b: &[u8]) -> Result<KeysFile> {
        let corrupt = Error::Corrupt { what: "keys file" };
        if b.len() != PLAIN_LEN || &b[0..4] != MAGIC {
            return Err(corrupt);
        }
        let u16_at = |i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
        let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        if u16_at(4) != VERSION {
            return Err(corrupt);
        }
        let params = KdfParams {
            m_kib: u32_at(8),
            t: u32_at(12),
            p: u32_at(16),
        };
        let mut salt = [0u8; SALT_LEN];
        salt.copy_from_slice(&b[20..36]);
        let mut boot_id = [0u8; 16];
        boot_id.copy_from_slice(&b[44..60]);
        let mut ms = [0u8; 8];
        ms.copy_from_slice(&b[60..68]);
        let delay_started = match b[68] {
            0 => None,
            1 => Some(BootInstant {
                boot_id,
                since_boot_ms: u64::from_le_bytes(ms),
            }),
            _ => return Err(corrupt),
        };
        let mut slots = [[0u8; SLOT_LEN]; SLOT_COUNT];
        for (i, slot) in slots.iter_mut().enumerate() {
            let start = HEADER_LEN + i * SLOT_LEN;
            slot.copy_from_slice(&b[start..start + SLOT_LEN]);
        }
        Ok(KeysFile {
            params,
            salt,
            failures: u32_at(36),
            wipe_after: u32_at(40),
            delay_started,
            slots,
        })
    }

    /// Binds a slot to everything in the header that decides how its KEK is derived.
    fn aad(&self) -> Vec<u8> {
        let mut aad = b"haven/v2/slot".to_vec();
        aad.extend_from_slice(&VERSION.to_le_bytes());
        for v in [self.params.m_kib, self.params.t, self.params.p] {
            aad.extend_from_slice(&v.to_le_bytes());
        }
        aad.extend_from_slice(&self.salt);
        aad
    }

    /// Tries `kek` on every slot (always all of them, so the time taken does not depend on
    /// which slot matched) and returns the ones it opens, with their positions.
    pub(crate) fn open_slots(&self, kek: &Key256) -> Vec<(usize, Slot)> {
        let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(kek.as_slice()));
        let aad = self.aad();
        let mut found = Vec::new();
        for (i, raw) in self.slots.iter().enumerate() {
            let (nonce, ct) = raw.split_at(NONCE_LEN);
            let opened = cipher.decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad: &aad });
            if let Ok(plain) = opened {
                let plain = Zeroizing::new(plain);
                if let Some(slot) = Slot::decode(&plain) {
                    found.push((i, slot));
                }
            }
        }
        found
    }

    /// Encrypts `slot` under `kek` into position `index`.
    pub(crate) fn put_slot(&mut self, index: usize, kek: &Key256, slot: &Slot) {
        let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(kek.as_slice()));
        let mut nonce = [0u8; NONCE_LEN];
        fill_random(&mut nonce);
        let aad = self.aad();
        let plain = slot.encode();
        #[allow(clippy::expect_used)]
        let ct = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_ref(),
                    aad: &aad,
                },
            )
            .expect("XChaCha20-Poly1305 encryption of a fixed-size buffer cannot fail");
        self.slots[index][..NONCE_LEN].copy_from_slice(&nonce);
        self.slots[index][NONCE_LEN..].copy_from_slice(&ct);
    }

    /// Overwrites position `index` with random bytes (crypto-shreds whatever it held).
    pub(crate) fn clear_slot(&mut self, index: usize) {
        fill_random(&mut self.slots[index]);
    }

    /// Positions in a random order, so the slots a vault uses are not always the first ones.
    pub(crate) fn shuffled_positions() -> [usize; SLOT_COUNT] {
        let mut order = [0usize, 1, 2, 3];
        let mut r = [0u8; SLOT_COUNT];
        fill_random(&mut r);
        for i in (1..SLOT_COUNT).rev() {
            order.swap(i, usize::from(r[i]) % (i + 1));
        }
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip_keeps_header_and_slots() {
        let mut f = KeysFile::new(KdfParams::INSECURE_FOR_TESTS);
        f.failures = 7;
        f.wipe_after = 10;
        let start = BootInstant {
            boot_id: [3; 16],
            since_boot_ms: 1_700_000_000,
        };
        f.delay_started = Some(start);
        let kek = Zeroizing::new([9u8; 32]);
        let slot = Slot {
            role: Role::Real {
                duress_slot: Some(2),
            },
            dek: Zeroizing::new([5u8; 32]),
        };
        f.put_slot(3, &kek, &slot);
        let g = KeysFile::decode(&f.encode()).unwrap();
        assert_eq!(
            (g.failures, g.delay_started, g.wipe_after),
            (7, Some(start), 10)
        );
        let opened = g.open_slots(&kek);
        assert_eq!(opened.len(), 1);
        assert_eq!(opened[0].0, 3);
        assert_eq!(
            opened[0].1.role,
            Role::Real {
                duress_slot: Some(2)
            }
        );
        assert_eq!(*opened[0].1.dek, [5u8; 32]);
        assert!(g.open_slots(&Zeroizing::new([8u8; 32])).is_empty());
    }

    #[test]
    fn wrong_length_or_magic_is_corrupt() {
        let f = KeysFile::new(KdfParams::INSECURE_FOR_TESTS);
        let good = f.encode();
        assert!(KeysFile::decode(&good[..PLAIN_LEN - 1]).is_err());
        let mut bad = good.to_vec();
        bad[0] ^= 1;
        assert!(KeysFile::decode(&bad).is_err());
    }

    #[test]
    fn slots_are_bound_to_the_kdf_parameters() {
        let mut f = KeysFile::new(KdfParams::INSECURE_FOR_TESTS);
        let kek = Zeroizing::new([9u8; 32]);
        let slot = Slot {
            role: Role::DecoyKey,
            dek: Zeroizing::new([5u8; 32]),
        };
        f.put_slot(1, &kek, &slot);
        let mut plain = f.encode().to_vec();
        plain[12] ^= 1; // t
        let g = KeysFile::decode(&plain).unwrap();
        assert!(g.open_slots(&kek).is_empty());
    }
}
