//! The calculator that Haven shows to the world.
//!
//! # Why this exists
//!
//! Haven is a safety app for survivors of domestic violence. On the phone it
//! looks like, and is, an ordinary calculator: someone checking the phone
//! sees a calculator that really calculates. The Android and iOS shells send
//! every key press to [`Calculator::press`] and draw the returned [`Press`].
//!
//! Typing a 6–12 digit number and pressing `=` is also how the vault is
//! opened. Whenever the entry could be a PIN, `press` hands the digits back as
//! a [`PinCandidate`] so the core can check them, but the screen shows exactly
//! what any calculator would (`123456 =` shows `123456`). Nothing on screen,
//! and nothing in the returned strings, tells an unlock attempt apart from
//! ordinary arithmetic.
//!
//! # Rules
//!
//! **Numbers.** Arithmetic is exact decimal ([`rust_decimal`], 28 significant
//! digits): `0.1 + 0.2 = 0.3`. A number takes at most 15 digit keys (leading
//! zeros count); further digits are ignored. One point per number; a second is
//! ignored. `.5` shows as `0.5`; while typing, the screen keeps what was typed
//! (`2.50`, `3.`) minus leading zeros (`007` shows `7`). `Digit(n)` with n > 9
//! is ignored.
//!
//! **Precedence.** `×` and `÷` bind tighter than `+` and `−`, and operators of
//! equal rank go left to right: `2 + 3 × 4 =` is 14. Right after an operator
//! the screen shows the part already settled: `2 + 3 ×` shows 3, `2 × 3 +`
//! shows 6. A second operator in a row replaces the first (`2 + × 3` is
//! `2 × 3`). An operator pressed first works on the 0 on screen.
//!
//! **Equals.** `=` evaluates everything. A trailing operator is dropped
//! (`12 + =` is 12). **Repeated `=` does nothing**: it does not repeat the last
//! operation (as on Google's Android calculator). After `=`, an operator
//! continues from the result, while a digit or point starts a new
//! calculation.
//!
//! **Percent** turns the current number into a percentage, at once:
//! - after `+` or `−` it is that percent of everything to its left:
//!   `50 + 10 %` shows 5, so `50 + 10 % =` is 55 and `50 − 10 % =` is 45
//!   (`2 × 50 + 10 %` is 10% of 100);
//! - after `×` or `÷`, or with no operator, it divides by 100:
//!   `50 × 10 % =` is 5, a lone `10 %` is 0.1, `200 = %` is 2.
//!
//! With no number to work on (right after an operator) `%` is ignored. The
//! upper line shows the converted number (`50 + 5 =`), not `10%`.
//!
//! **Sign.** `±` negates the number being typed, a percent value or a result.
//! Right after an operator or AC it starts a negative entry shown as `-0`.
//!
//! **Backspace** removes the last key (digit or point) of the number being
//! typed. It does nothing to a result, a percent value, an operator or an
//! error.
//!
//! **Errors.** Division by zero and results beyond `Decimal`'s range (about
//! ±7.9e28) show the single word `Error` (shells may translate it). They are
//! caught as soon as they are certain: `5 ÷ 0 +` shows `Error` at the `+`
//! (as on iOS), and whatever is typed next is a new calculation. After an
//! error, a digit or point starts fresh, AC clears, and every other key is
//! ignored.
//!
//! **Display.** No trailing zeros, no thousands separators, `-` for negative
//! numbers. A result is shown exactly if that takes at most 16 characters.
//! Otherwise it is rounded (half away from zero) to 12 significant digits and
//! shown as a plain decimal if it fits in 16 characters and no digit left of
//! the point was lost; failing that, in the form `1.23456789012e20` /
//! `-1.5e-20`. The screen is never longer than 18 characters.
//!
//! **Upper line** ([`Calculator::expression`]): the operands committed so far
//! with their operators (`12 + 3 ×`); the number being typed is only on the
//! main display. After `=` it shows the whole calculation (`12 + 3 =`), after
//! an error the calculation that failed. Operators are `+ − × ÷`.
//!
//! # Unlock candidates
//!
//! `=` yields a [`PinCandidate`] exactly when the number on screen is being
//! typed as the first number since the last AC, result or error (so no
//! operator came before it), and as it stands it is 6 to 12 plain digits: no
//! point, not negative, not turned by `%`. Leading zeros are kept (`000123`
//! is the candidate `"000123"` and displays as `123`). The entry is judged as
//! it stands when `=` is pressed, so backspace corrections are honoured
//! (`1234567 ⌫ =` offers `123456`) and so is a sign toggled twice. A second
//! `=` yields nothing (it does nothing at all).
//!
//! # Security notes
//!
//! - The keys of the number being typed live in a [`Zeroizing`] buffer
//!   reserved at full size, so it never reallocates and leaves no copy behind.
//!   Committed operands, results and the upper line are wiped on AC, when they
//!   stop being needed, and when the calculator is dropped. Room for 32
//!   operands and a 256-byte upper line is reserved up front; only longer
//!   calculations reallocate (and may leave a stale copy in freed memory).
//! - `Debug` never shows numbers: `Calculator { .. }`, `PinCandidate(..)`,
//!   `Digit(..)`; [`Press`] redacts its strings.
//! - This is best effort. `Decimal` values are copied on the stack while
//!   computing, and the `String`s returned for the screen are ordinary: they
//!   hold what is on screen anyway. [`PinCandidate`] has no `Clone`; the core
//!   should drop it as soon as it has checked it, and not hand it to the shell.

use std::fmt;
use std::iter;
use std::ops::RangeInclusive;

use rust_decimal::Decimal;
use zeroize::{DefaultIsZeroes, Zeroize, Zeroizing};

/// What the screen shows after a failed calculation.
pub const ERROR_TEXT: &str = "Error";

/// Most digit keys one number takes; further digits are ignored.
const MAX_INPUT_DIGITS: usize = 15;
/// Significant digits kept when a result must be rounded for the screen.
const SIGNIFICANT_DIGITS: u32 = 12;
/// Longest plain decimal shown before switching to the `1.5e20` form.
const MAX_PLAIN_CHARS: usize = 16;
/// Lengths of a digit run offered to the vault as a PIN.
const PIN_LENGTHS: RangeInclusive<usize> = 6..=12;
/// Room reserved up front for committed operands, to avoid reallocations
/// that would leave unwiped copies behind.
const RESERVED_TERMS: usize = 32;
/// Room reserved up front for the frozen upper line.
const RESERVED_LINE: usize = 256;

/// A key on the calculator.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi(name = "CalcKey"))]
pub enum Key {
    /// A digit 0–9; anything larger is ignored.
    Digit(u8),
    Point,
    Add,
    Subtract,
    Multiply,
    Divide,
    Percent,
    ToggleSign,
    Equals,
    /// AC: clears everything.
    Clear,
    Backspace,
}

impl fmt::Debug for Key {
    /// Digits are redacted: a log of key presses must not spell out a PIN.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Key::Digit(_) => "Digit(..)",
            Key::Point => "Point",
            Key::Add => "Add",
            Key::Subtract => "Subtract",
            Key::Multiply => "Multiply",
            Key::Divide => "Divide",
            Key::Percent => "Percent",
            Key::ToggleSign => "ToggleSign",
            Key::Equals => "Equals",
            Key::Clear => "Clear",
            Key::Backspace => "Backspace",
        })
    }
}

/// What the shell draws after a key press.
pub struct Press {
    /// The main display, e.g. `"12.5"`, `"-3"`, `"Error"`.
    pub display: String,
    /// The small upper line, e.g. `"12 + 3 ×"`.
    pub expression: String,
    /// Digits to offer to the vault; see the module docs.
    pub unlock_candidate: Option<PinCandidate>,
}

impl fmt::Debug for Press {
    /// The strings may show a PIN that was just typed, so they are redacted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Press")
            .field("display", &format_args!(".."))
            .field("expression", &format_args!(".."))
            .field("unlock_candidate", &self.unlock_candidate)
            .finish()
    }
}

/// Digits that may be the vault PIN. Wiped when dropped (by [`Zeroizing`]),
/// never printed by `Debug`, and deliberately not `Clone`.
pub struct PinCandidate(Zeroizing<String>);

impl PinCandidate {
    fn new(digits: &str) -> Self {
        let mut owned = Zeroizing::new(String::with_capacity(digits.len()));
        owned.push_str(digits);
        PinCandidate(owned)
    }

    /// The digits exactly as typed, leading zeros included.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PinCandidate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PinCandidate(..)")
    }
}

/// The calculator's state. Feed it keys with [`Calculator::press`].
pub struct Calculator {
    /// Committed operands, each with the operator typed after it:
    /// `12 + 3 ×` is `[12 +, 3 ×]`.
    terms: Vec<Term>,
    /// The number on the main display, or what stands in for it.
    entry: Entry,
    /// The upper line frozen by `=` or an error (`12 + 3 =`). Kept only while
    /// the entry is a `Result` or an `Error`.
    frozen: Zeroizing<String>,
}

impl Default for Calculator {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Calculator {
    /// Prints no state at all: it may hold a PIN.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Calculator { .. }")
    }
}

impl Drop for Calculator {
    fn drop(&mut self) {
        self.clear();
    }
}

impl Calculator {
    pub fn new() -> Self {
        Calculator {
            terms: Vec::with_capacity(RESERVED_TERMS),
            entry: Entry::Empty,
            frozen: Zeroizing::new(String::with_capacity(RESERVED_LINE)),
        }
    }

    /// Handles one key. Never panics, whatever the sequence of keys.
    pub fn press(&mut self, key: Key) -> Press {
        let mut unlock_candidate = None;
        match key {
            Key::Digit(digit) => self.digit(digit),
            Key::Point => self.point(),
            Key::Add => self.operator(Op::Add),
            Key::Subtract => self.operator(Op::Subtract),
            Key::Multiply => self.operator(Op::Multiply),
            Key::Divide => self.operator(Op::Divide),
            Key::Percent => self.percent(),
            Key::ToggleSign => self.toggle_sign(),
            Key::Equals => unlock_candidate = self.equals(),
            Key::Clear => self.clear(),
            Key::Backspace => self.backspace(),
        }
        Press {
            display: self.display(),
            expression: self.expression(),
            unlock_candidate,
        }
    }

    /// What the main display shows now.
    pub fn display(&self) -> String {
        match &self.entry {
            Entry::Empty => self
                .preview()
                .map_or_else(|| ERROR_TEXT.to_string(), format_number),
            Entry::Typing(typing) => typing.text(),
            Entry::Value(value) | Entry::Result(value) => format_number(value.0),
            Entry::Error => ERROR_TEXT.to_string(),
        }
    }

    /// The small upper line (see the module docs).
    pub fn expression(&self) -> String {
        match self.entry {
            Entry::Result(_) | Entry::Error => self.frozen.as_str().to_owned(),
            _ => {
                let mut line = String::new();
                write_terms(&mut line, &self.terms);
                line
            }
        }
    }

    fn digit(&mut self, digit: u8) {
        if let Some(key) = char::from_digit(u32::from(digit), 10) {
            self.type_key(key);
        }
    }

    fn point(&mut self) {
        self.type_key('.');
    }

    /// Adds a digit or point to the number being typed, starting a new one
    /// unless one is under way. After a result or an error that begins a new
    /// calculation, since both leave no committed terms behind.
    fn type_key(&mut self, key: char) {
        if !matches!(self.entry, Entry::Typing(_)) {
            self.set_entry(Entry::Typing(Typing::new()));
        }
        if let Entry::Typing(typing) = &mut self.entry {
            typing.push(key);
        }
    }

    fn operator(&mut self, op: Op) {
        let operand = match &self.entry {
            Entry::Error => return,
            Entry::Empty => match self.terms.last_mut() {
                Some(last) => {
                    last.op = op;
                    None
                }
                None => Some(Decimal::ZERO),
            },
            entry => entry.operand(),
        };
        if let Some(value) = operand {
            self.terms.push(Term {
                value: Num(value),
                op,
            });
            self.set_entry(Entry::Empty);
        }
        if self.preview().is_none() {
            self.fail();
        }
    }

    fn percent(&mut self) {
        let Some(value) = self.entry.operand() else {
            return;
        };
        let fraction = value.checked_div(Decimal::ONE_HUNDRED);
        let converted = match self.terms.last() {
            Some(last) if !last.op.binds_tighter() => self
                .preview()
                .zip(fraction)
                .and_then(|(base, fraction)| base.checked_mul(fraction)),
            _ => fraction,
        };
        match converted {
            Some(converted) => self.set_entry(Entry::Value(Num(converted))),
            None => self.fail(),
        }
    }

    fn toggle_sign(&mut self) {
        match &mut self.entry {
            Entry::Typing(typing) => typing.negative = !typing.negative,
            Entry::Value(value) => value.0 = -value.0,
            Entry::Result(value) => {
                let negated = -value.0;
                self.set_entry(Entry::Value(Num(negated)));
            }
            Entry::Empty => {
                let mut typing = Typing::new();
                typing.negative = true;
                self.set_entry(Entry::Typing(typing));
            }
            Entry::Error => {}
        }
    }

    fn backspace(&mut self) {
        if let Entry::Typing(typing) = &mut self.entry {
            typing.keys.pop();
        }
    }

    fn equals(&mut self) -> Option<PinCandidate> {
        let operand = match &self.entry {
            // Repeated `=` does nothing; so does `=` on an error.
            Entry::Result(_) | Entry::Error => return None,
            Entry::Empty if self.terms.is_empty() => return None,
            // `12 + =`: the trailing operator is dropped.
            Entry::Empty => None,
            entry => entry.operand(),
        };
        let candidate = self.pin_candidate();

        let mut line = Zeroizing::new(String::with_capacity(RESERVED_LINE));
        write_terms(&mut line, &self.terms);
        if let Some(value) = operand {
            push_word(&mut line, &format_number(value));
        }
        push_word(&mut line, "=");

        let chain = match operand {
            Some(value) => evaluate(&self.terms, value),
            None => self
                .terms
                .split_last()
                .and_then(|(last, init)| evaluate(init, last.value.0)),
        };
        self.finish(line, chain.and_then(|chain| chain.total()));
        candidate
    }

    fn clear(&mut self) {
        self.terms.zeroize();
        self.set_entry(Entry::Empty);
    }

    /// The entry, if it is a plain run of 6–12 digits typed since the last
    /// AC, result or error (see the module docs).
    fn pin_candidate(&self) -> Option<PinCandidate> {
        let Entry::Typing(typing) = &self.entry else {
            return None;
        };
        let keys = typing.keys.as_str();
        let plain = self.terms.is_empty()
            && !typing.negative
            && keys.bytes().all(|key| key.is_ascii_digit());
        (plain && PIN_LENGTHS.contains(&keys.len())).then(|| PinCandidate::new(keys))
    }

    /// What the screen shows right after an operator: the part of the
    /// calculation already settled. `2 + 3 ×` shows 3 (the `×` still waits
    /// for its right side), `2 × 3 +` shows 6. `None` means Error.
    fn preview(&self) -> Option<Decimal> {
        let Some((last, init)) = self.terms.split_last() else {
            return Some(Decimal::ZERO);
        };
        let chain = evaluate(init, last.value.0)?;
        if last.op.binds_tighter() {
            Some(chain.product)
        } else {
            chain.total()
        }
    }

    /// Ends the calculation: `line` becomes the upper line and the screen
    /// shows `outcome`, or Error if there is none.
    fn finish(&mut self, line: Zeroizing<String>, outcome: Option<Decimal>) {
        self.terms.zeroize();
        let entry = outcome.map_or(Entry::Error, |value| Entry::Result(Num(value)));
        self.set_entry(entry);
        self.frozen = line;
    }

    /// Shows Error, with the committed terms as the upper line (`5 ÷ 0 +`).
    fn fail(&mut self) {
        let mut line = Zeroizing::new(String::with_capacity(RESERVED_LINE));
        write_terms(&mut line, &self.terms);
        self.finish(line, None);
    }

    /// Replaces the entry, wiping the old one. The frozen upper line goes too:
    /// it only belongs to a `Result` or an `Error`.
    fn set_entry(&mut self, entry: Entry) {
        self.entry.zeroize();
        self.frozen.zeroize();
        self.entry = entry;
    }
}

/// The number on the main display, or what stands in for it.
enum Entry {
    /// Nothing yet: after AC, or right after an operator.
    Empty,
    /// A number being typed.
    Typing(Typing),
    /// A number worked out by `%`, or a result whose sign was changed. It is
    /// an operand like a typed one, but backspace leaves it alone.
    Value(Num),
    /// The result of `=`, untouched since.
    Result(Num),
    /// A failed calculation.
    Error,
}

impl Entry {
    /// The number this entry contributes as an operand, if any.
    fn operand(&self) -> Option<Decimal> {
        match self {
            Entry::Typing(typing) => Some(typing.value()),
            Entry::Value(value) | Entry::Result(value) => Some(value.0),
            Entry::Empty | Entry::Error => None,
        }
    }
}

impl Zeroize for Entry {
    fn zeroize(&mut self) {
        match self {
            Entry::Typing(typing) => typing.keys.zeroize(),
            Entry::Value(value) | Entry::Result(value) => value.zeroize(),
            Entry::Empty | Entry::Error => {}
        }
    }
}

/// A number being typed, kept as the keys pressed.
struct Typing {
    /// Digit and point keys exactly as pressed (`"000123"`, `"2.50"`, `"."`).
    /// Reserved at full size so it never reallocates.
    keys: Zeroizing<String>,
    negative: bool,
}

impl Typing {
    fn new() -> Self {
        Typing {
            keys: Zeroizing::new(String::with_capacity(MAX_INPUT_DIGITS + 1)),
            negative: false,
        }
    }

    /// Adds a digit or the point; extra points and digits past the cap are
    /// ignored.
    fn push(&mut self, key: char) {
        let accepted = if key == '.' {
            !self.keys.contains('.')
        } else {
            self.keys.bytes().filter(u8::is_ascii_digit).count() < MAX_INPUT_DIGITS
        };
        if accepted {
            self.keys.push(key);
        }
    }

    /// The keys split at the point: `"2.50"` → `("2", Some("50"))`.
    fn parts(&self) -> (&str, Option<&str>) {
        match self.keys.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (self.keys.as_str(), None),
        }
    }

    /// The screen text while typing: the keys without leading zeros.
    fn text(&self) -> String {
        let (whole, fraction) = self.parts();
        let whole = whole.trim_start_matches('0');
        let mut text = String::with_capacity(MAX_INPUT_DIGITS + 3);
        if self.negative {
            text.push('-');
        }
        text.push_str(if whole.is_empty() { "0" } else { whole });
        if let Some(fraction) = fraction {
            text.push('.');
            text.push_str(fraction);
        }
        text
    }

    fn value(&self) -> Decimal {
        let (whole, fraction) = self.parts();
        let fraction = fraction.unwrap_or("");
        let mut mantissa: i64 = 0;
        for digit in whole.chars().chain(fraction.chars()) {
            let digit = i64::from(digit.to_digit(10).unwrap_or(0));
            mantissa = mantissa.saturating_mul(10).saturating_add(digit);
        }
        if self.negative {
            mantissa = -mantissa;
        }
        // At most 15 digits: always inside Decimal's range, so the fallback
        // is unreachable.
        let scale = u32::try_from(fraction.len()).unwrap_or(0);
        Decimal::try_new(mantissa, scale).unwrap_or_default()
    }
}

/// A stored number. `Decimal` has no `Zeroize` of its own; this newtype gets
/// zeroize's volatile wipe through `DefaultIsZeroes`.
#[derive(Clone, Copy, Default)]
struct Num(Decimal);

impl DefaultIsZeroes for Num {}

/// A committed operand and the operator typed after it.
struct Term {
    value: Num,
    op: Op,
}

impl Zeroize for Term {
    fn zeroize(&mut self) {
        self.value.zeroize();
    }
}

#[derive(Clone, Copy)]
enum Op {
    Add,
    Subtract,
    Multiply,
    Divide,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Subtract => "−",
            Op::Multiply => "×",
            Op::Divide => "÷",
        }
    }

    fn binds_tighter(self) -> bool {
        matches!(self, Op::Multiply | Op::Divide)
    }

    /// `None` on division by zero or overflow.
    fn apply(self, left: Decimal, right: Decimal) -> Option<Decimal> {
        match self {
            Op::Add => left.checked_add(right),
            Op::Subtract => left.checked_sub(right),
            Op::Multiply => left.checked_mul(right),
            Op::Divide => left.checked_div(right),
        }
    }
}

/// A left-to-right evaluation with precedence, one operand at a time:
/// `sum add product`, where `product` is the current run of `×` and `÷`.
struct Chain {
    sum: Decimal,
    add: Op,
    product: Decimal,
}

impl Chain {
    fn new(first: Decimal) -> Self {
        Chain {
            sum: Decimal::ZERO,
            add: Op::Add,
            product: first,
        }
    }

    fn then(self, op: Op, operand: Decimal) -> Option<Self> {
        if op.binds_tighter() {
            let product = op.apply(self.product, operand)?;
            Some(Chain { product, ..self })
        } else {
            let sum = self.total()?;
            Some(Chain {
                sum,
                add: op,
                product: operand,
            })
        }
    }

    fn total(&self) -> Option<Decimal> {
        self.add.apply(self.sum, self.product)
    }
}

/// Evaluates `terms` followed by `last`; each term's operator joins it to the
/// next operand. `None` means Error.
fn evaluate(terms: &[Term], last: Decimal) -> Option<Chain> {
    let first = terms.first().map_or(last, |term| term.value.0);
    let operands = terms.iter().skip(1).map(|term| term.value.0);
    let mut chain = Chain::new(first);
    for (term, operand) in terms.iter().zip(operands.chain(iter::once(last))) {
        chain = chain.then(term.op, operand)?;
    }
    Some(chain)
}

/// Appends `12 + 3 ×` for the given terms.
fn write_terms(line: &mut String, terms: &[Term]) {
    for term in terms {
        push_word(line, &format_number(term.value.0));
        push_word(line, term.op.symbol());
    }
}

fn push_word(line: &mut String, word: &str) {
    if !line.is_empty() {
        line.push(' ');
    }
    line.push_str(word);
}

/// Formats a number for the screen (rules in the module docs, "Display").
fn format_number(value: Decimal) -> String {
    let exact = Digits::of(value);
    let plain = exact.plain();
    if plain.len() <= MAX_PLAIN_CHARS {
        return plain;
    }
    let rounded = exact.rounded(SIGNIFICANT_DIGITS);
    if exact.exponent < SIGNIFICANT_DIGITS as i32 {
        let plain = rounded.plain();
        if plain.len() <= MAX_PLAIN_CHARS {
            return plain;
        }
    }
    rounded.scientific()
}

/// A number as `±d.ddd × 10^exponent`: `significand` holds the digits with
/// trailing zeros removed; `exponent` is the power of ten of the first one.
#[derive(Clone, Copy)]
struct Digits {
    negative: bool,
    significand: u128,
    exponent: i32,
}

impl Digits {
    fn of(value: Decimal) -> Self {
        let mantissa = value.mantissa().unsigned_abs();
        let significand = without_trailing_zeros(mantissa);
        let exponent = digit_count(mantissa) as i32 - 1 - value.scale() as i32;
        Digits {
            negative: value.is_sign_negative() && significand != 0,
            significand,
            exponent: if significand == 0 { 0 } else { exponent },
        }
    }

    /// Rounded half away from zero to at most `keep` significant digits.
    fn rounded(&self, keep: u32) -> Self {
        let dropped = digit_count(self.significand).saturating_sub(keep);
        if dropped == 0 {
            return *self;
        }
        let divisor = 10u128.saturating_pow(dropped);
        let mut significand = self.significand / divisor;
        let mut exponent = self.exponent;
        if self.significand % divisor * 2 >= divisor {
            significand += 1;
        }
        if digit_count(significand) > keep {
            // 999… rounded up to 1000…: one more digit in front.
            significand /= 10;
            exponent += 1;
        }
        significand = without_trailing_zeros(significand);
        Digits {
            negative: self.negative,
            significand,
            exponent,
        }
    }

    /// `123.45`, `0.001`, `1200`.
    fn plain(&self) -> String {
        let digits = self.significand.to_string();
        let mut text = String::from(if self.negative { "-" } else { "" });
        if self.exponent < 0 {
            text.push_str("0.");
            text.push_str(&"0".repeat(self.exponent.unsigned_abs() as usize - 1));
            text.push_str(&digits);
        } else {
            let whole = self.exponent as usize + 1;
            match digits.get(..whole).zip(digits.get(whole..)) {
                Some((head, tail)) if !tail.is_empty() => {
                    text.push_str(head);
                    text.push('.');
                    text.push_str(tail);
                }
                _ => {
                    text.push_str(&digits);
                    text.push_str(&"0".repeat(whole.saturating_sub(digits.len())));
                }
            }
        }
        text
    }

    /// `1.2345e20`, `-1.5e-20`.
    fn scientific(&self) -> String {
        let digits = self.significand.to_string();
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let sign = if self.negative { "-" } else { "" };
        let point = if rest.is_empty() { "" } else { "." };
        format!("{sign}{first}{point}{rest}e{}", self.exponent)
    }
}

fn without_trailing_zeros(mut value: u128) -> u128 {
    while value != 0 && value.is_multiple_of(10) {
        value /= 10;
    }
    value
}

fn digit_count(value: u128) -> u32 {
    value.checked_ilog10().map_or(1, |log| log + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Maps a test character to a key: digits, `.`, `+ - * /`, `%`, `~` for
    /// ±, `=`, `C` for AC, `<` for backspace, `X` for an invalid digit.
    /// Spaces are skipped so tests can be written readably.
    fn key(c: char) -> Option<Key> {
        Some(match c {
            '0'..='9' => Key::Digit(c as u8 - b'0'),
            '.' => Key::Point,
            '+' => Key::Add,
            '-' => Key::Subtract,
            '*' => Key::Multiply,
            '/' => Key::Divide,
            '%' => Key::Percent,
            '~' => Key::ToggleSign,
            '=' => Key::Equals,
            'C' => Key::Clear,
            '<' => Key::Backspace,
            'X' => Key::Digit(42),
            _ => return None,
        })
    }

    /// Types `keys` into a fresh calculator; returns it and the last press.
    fn run(keys: &str) -> (Calculator, Option<Press>) {
        let mut calc = Calculator::new();
        let last = keys.chars().filter_map(key).map(|k| calc.press(k)).last();
        (calc, last)
    }

    fn display(keys: &str) -> String {
        run(keys).0.display()
    }

    fn expression(keys: &str) -> String {
        run(keys).0.expression()
    }

    fn candidate(keys: &str) -> Option<String> {
        let press = run(keys).1?;
        press.unlock_candidate.map(|pin| pin.digits().to_string())
    }

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn starts_at_zero() {
        let calc = Calculator::default();
        assert_eq!(calc.display(), "0");
        assert_eq!(calc.expression(), "");
    }

    #[test]
    fn typing_numbers() {
        assert_eq!(display("12"), "12");
        assert_eq!(display("007"), "7");
        assert_eq!(display("000"), "0");
        assert_eq!(display(".5"), "0.5");
        assert_eq!(display("."), "0.");
        assert_eq!(display("3."), "3.");
        assert_eq!(display("2.50"), "2.50");
        assert_eq!(display("1.2.3"), "1.23");
        assert_eq!(display("1..5"), "1.5");
        assert_eq!(display("1X2"), "12");
    }

    #[test]
    fn input_is_capped_at_15_digits() {
        assert_eq!(display("1234567890123456789"), "123456789012345");
        assert_eq!(display("1234567890.123456789"), "1234567890.12345");
        assert_eq!(display("12345678901234567 ="), "123456789012345");
    }

    #[test]
    fn exact_decimal_arithmetic() {
        assert_eq!(display("0.1 + 0.2 ="), "0.3");
        assert_eq!(display("2.50 ="), "2.5");
        assert_eq!(display("1.5 * 4 ="), "6");
        assert_eq!(display("1 / 3 ="), "0.333333333333");
        assert_eq!(display("2 / 3 ="), "0.666666666667");
        assert_eq!(display("1 / 3 * 3 ="), "1");
    }

    #[test]
    fn multiplication_and_division_come_first() {
        assert_eq!(display("2 + 3 * 4 ="), "14");
        assert_eq!(display("2 * 3 + 4 ="), "10");
        assert_eq!(display("10 - 4 / 2 ="), "8");
        assert_eq!(display("8 / 2 / 2 ="), "2");
        assert_eq!(display("2 - 3 - 4 ="), "-5");
        assert_eq!(display("1 + 2 * 3 - 4 / 2 ="), "5");
    }

    #[test]
    fn display_after_an_operator_shows_the_settled_part() {
        assert_eq!(display("2 + 3 *"), "3");
        assert_eq!(display("2 * 3 +"), "6");
        assert_eq!(display("2 + 3 * 4 -"), "14");
        assert_eq!(expression("12 + 3 *"), "12 + 3 ×");
        assert_eq!(expression("12 + 3 * 4"), "12 + 3 ×");
    }

    #[test]
    fn operators_replace_and_start_from_zero() {
        assert_eq!(display("2 + * 3 ="), "6");
        assert_eq!(expression("2 + *"), "2 ×");
        assert_eq!(display("+ 5 ="), "5");
        assert_eq!(expression("- 5 ="), "0 − 5 =");
        assert_eq!(display("12 + ="), "12");
        assert_eq!(expression("12 + ="), "12 + =");
        assert_eq!(display("="), "0");
    }

    #[test]
    fn percent() {
        assert_eq!(display("50 + 10 %"), "5");
        assert_eq!(display("50 + 10 % ="), "55");
        assert_eq!(display("50 - 10 % ="), "45");
        assert_eq!(display("50 * 10 %"), "0.1");
        assert_eq!(display("50 * 10 % ="), "5");
        assert_eq!(display("50 / 10 % ="), "500");
        assert_eq!(display("10 %"), "0.1");
        assert_eq!(display("10 % ="), "0.1");
        assert_eq!(display("2 * 50 + 10 % ="), "110");
        assert_eq!(display("200 = %"), "2");
        assert_eq!(display("50 + 10 % 7 ="), "57");
        assert_eq!(expression("50 + 10 % ="), "50 + 5 =");
    }

    #[test]
    fn percent_without_a_number_is_ignored() {
        assert_eq!(display("50 + %"), "50");
        assert_eq!(display("50 + % 2 ="), "52");
        assert_eq!(display("%"), "0");
    }

    #[test]
    fn toggle_sign() {
        assert_eq!(display("5~"), "-5");
        assert_eq!(display("~5"), "-5");
        assert_eq!(display("5~~"), "5");
        assert_eq!(display("~"), "-0");
        assert_eq!(display("~ ="), "0");
        assert_eq!(display("3 * ~ 2 ="), "-6");
        assert_eq!(display("5 - 8 ="), "-3");
        assert_eq!(display("5 = ~"), "-5");
        assert_eq!(display("5 = ~ + 1 ="), "-4");
        assert_eq!(display("50 + 10 % ~ ="), "45");
        assert_eq!(display(".5~"), "-0.5");
    }

    #[test]
    fn backspace() {
        assert_eq!(display("123<"), "12");
        assert_eq!(display("12.<"), "12");
        assert_eq!(display("1.5<<3"), "13");
        assert_eq!(display("1<<"), "0");
        assert_eq!(display("5~<"), "-0");
        assert_eq!(display("2 + 3 = <"), "5");
        assert_eq!(display("12 + <"), "12");
        assert_eq!(expression("12 + <"), "12 +");
        assert_eq!(display("12 + 3<4 ="), "16");
        assert_eq!(display("10 % <"), "0.1");
    }

    #[test]
    fn point_starts_a_new_number_after_a_result() {
        assert_eq!(display("5 = .3"), "0.3");
        assert_eq!(expression("5 = .3"), "");
        assert_eq!(display("5 = .3 + 1 ="), "1.3");
    }

    #[test]
    fn division_by_zero_is_an_error() {
        assert_eq!(display("5 / 0 ="), "Error");
        assert_eq!(expression("5 / 0 ="), "5 ÷ 0 =");
        assert_eq!(display("5 / 0 +"), "Error");
        assert_eq!(expression("5 / 0 +"), "5 ÷ 0 +");
        assert_eq!(display("1 + 5 / 0 ="), "Error");
        assert_eq!(display("1 + 5 / 0 *"), "Error");
        // The error already showed at `*`, so `2 =` is a new calculation.
        assert_eq!(display("1 + 5 / 0 * 2 ="), "2");
        assert_eq!(display("0 / 0 ="), "Error");
    }

    #[test]
    fn after_an_error() {
        assert_eq!(display("5 / 0 = 7"), "7");
        assert_eq!(expression("5 / 0 = 7"), "");
        assert_eq!(display("5 / 0 = 7 + 1 ="), "8");
        assert_eq!(display("5 / 0 = ."), "0.");
        for ignored in ["+", "*", "=", "%", "~", "<"] {
            assert_eq!(display(&format!("5 / 0 = {ignored}")), "Error", "{ignored}");
        }
        assert_eq!(display("5 / 0 = C"), "0");
        assert_eq!(expression("5 / 0 = C"), "");
    }

    #[test]
    fn overflow_is_an_error() {
        let huge = "999999999999999";
        assert_eq!(display(&format!("{huge} * {huge} =")), "Error");
        assert_eq!(display(&format!("{huge} * {huge} *")), "Error");
        let big = "500000000000000 * 100000000000000"; // 5e28, near Decimal::MAX
        assert_eq!(display(&format!("{big} =")), "5e28");
        assert_eq!(display(&format!("{big} = + {big} =")), "Error");
        assert_eq!(display(&format!("{big} = * 2 =")), "Error");
        assert_eq!(display(&format!("{big} = + 200 %")), "Error");
        assert_eq!(display(&format!("{big} = - {big} =")), "0");
    }

    #[test]
    fn chaining_after_equals() {
        assert_eq!(display("2 + 3 = * 4 ="), "20");
        assert_eq!(expression("2 + 3 = * 4 ="), "5 × 4 =");
        assert_eq!(display("2 + 3 = 7"), "7");
        assert_eq!(expression("2 + 3 = 7"), "");
        assert_eq!(display("2 + 3 = 7 + 1 ="), "8");
    }

    #[test]
    fn repeated_equals_does_nothing() {
        assert_eq!(display("2 + 3 = ="), "5");
        assert_eq!(expression("2 + 3 = ="), "2 + 3 =");
        assert_eq!(display("2 * 3 = = ="), "6");
    }

    #[test]
    fn clear_resets_everything() {
        let (calc, press) = run("12 + 3 C");
        assert_eq!(calc.display(), "0");
        assert_eq!(calc.expression(), "");
        assert!(calc.terms.is_empty());
        assert!(calc.frozen.is_empty());
        assert!(matches!(calc.entry, Entry::Empty));
        assert_eq!(press.unwrap().display, "0");
        assert_eq!(display("123 = C"), "0");
        assert_eq!(expression("123 = C"), "");
    }

    #[test]
    fn press_returns_the_screen() {
        let (calc, press) = run("12 + 3 *");
        let press = press.unwrap();
        assert_eq!(press.display, calc.display());
        assert_eq!(press.expression, "12 + 3 ×");
        assert!(press.unlock_candidate.is_none());
    }

    #[test]
    fn pin_candidates() {
        assert_eq!(candidate("123456="), Some("123456".into()));
        assert_eq!(candidate("123456789012="), Some("123456789012".into()));
        assert_eq!(candidate("000123="), Some("000123".into()));
        assert_eq!(candidate("12345="), None);
        assert_eq!(candidate("1234567890123="), None);
        assert_eq!(candidate("12+34="), None);
        assert_eq!(candidate("123456~="), None);
        assert_eq!(candidate("~123456="), None);
        assert_eq!(candidate("0-123456="), None);
        assert_eq!(candidate("123456.="), None);
        assert_eq!(candidate("1234.56="), None);
        assert_eq!(candidate("123456%="), None);
        assert_eq!(candidate("123456+="), None);
        assert_eq!(candidate("123456"), None);
    }

    #[test]
    fn pin_candidates_after_results_errors_and_corrections() {
        assert_eq!(candidate("5+5=123456="), Some("123456".into()));
        assert_eq!(candidate("5/0=123456="), Some("123456".into()));
        assert_eq!(candidate("9+9C123456="), Some("123456".into()));
        assert_eq!(candidate("1234567<="), Some("123456".into()));
        assert_eq!(candidate("123.<456="), Some("123456".into()));
        assert_eq!(candidate("5+5=~123456="), Some("123456".into()));
        assert_eq!(candidate("5+5=+123456="), None);
    }

    #[test]
    fn second_equals_is_not_a_candidate() {
        let mut calc = Calculator::new();
        run_on(&mut calc, "123456");
        let first = calc.press(Key::Equals);
        assert_eq!(first.unlock_candidate.unwrap().digits(), "123456");
        let second = calc.press(Key::Equals);
        assert!(second.unlock_candidate.is_none());
        assert_eq!(second.display, "123456");
    }

    #[test]
    fn a_candidate_looks_like_any_other_result() {
        let (calc, press) = run("123456=");
        let press = press.unwrap();
        assert_eq!(press.display, "123456");
        assert_eq!(press.expression, "123456 =");
        assert_eq!(calc.display(), "123456");
        let (_, press) = run("000123=");
        assert_eq!(press.unwrap().display, "123");
        // and it calculates on, like any result
        assert_eq!(display("123456 = + 1 ="), "123457");
    }

    fn run_on(calc: &mut Calculator, keys: &str) {
        for k in keys.chars().filter_map(key) {
            calc.press(k);
        }
    }

    #[test]
    fn debug_never_shows_digits() {
        let (calc, press) = run("123456=");
        let press = press.unwrap();
        assert_eq!(format!("{calc:?}"), "Calculator { .. }");
        assert_eq!(
            format!("{press:?}"),
            "Press { display: .., expression: .., unlock_candidate: Some(PinCandidate(..)) }"
        );
        assert_eq!(format!("{:?}", Key::Digit(7)), "Digit(..)");
        assert_eq!(format!("{:?}", Key::Equals), "Equals");
    }

    #[test]
    fn typing_buffer_never_reallocates() {
        let (calc, _) = run("1234567890.1234567890123");
        let Entry::Typing(typing) = &calc.entry else {
            panic!("still typing");
        };
        assert_eq!(typing.keys.capacity(), MAX_INPUT_DIGITS + 1);
    }

    #[test]
    fn formats_results() {
        let cases = [
            ("0", "0"),
            ("-0", "0"),
            ("2.50", "2.5"),
            ("-3", "-3"),
            ("1200", "1200"),
            ("0.001", "0.001"),
            ("123456789012345", "123456789012345"),
            ("1234567890123456", "1234567890123456"),
            ("-1234567890123456", "-1.23456789012e15"),
            ("12345678901234567", "1.23456789012e16"),
            ("123456789012345.6", "1.23456789012e14"),
            ("123456789.123456789", "123456789.123"),
            ("999999999999.9999999", "1000000000000"),
            ("100000000000000000000", "1e20"),
            ("123456789012345678901", "1.23456789012e20"),
            ("0.000000000000001", "1e-15"),
            ("0.00000000000000000001", "1e-20"),
            ("-0.000000000000000000015", "-1.5e-20"),
            ("0.0000000000000000000000000001", "1e-28"),
            ("-0.000123456789012", "-1.23456789012e-4"),
            ("0.00000000012345", "0.00000000012345"),
            ("79228162514264337593543950335", "7.92281625143e28"),
        ];
        for (value, shown) in cases {
            assert_eq!(format_number(dec(value)), shown, "{value}");
        }
    }

    // ---- property tests ----

    const KEY_CHARS: &str = "0123456789.+-*/%~=C<X";

    fn key_chars(max: usize) -> impl Strategy<Value = Vec<char>> {
        let chars: Vec<char> = KEY_CHARS.chars().collect();
        prop::collection::vec(prop::sample::select(chars), 0..max)
    }

    /// Small integers, or decimals with up to two places.
    fn operand() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (0i64..=20).prop_map(Decimal::from),
            (0i64..=99_999, 0u32..=2).prop_map(|(m, scale)| Decimal::new(m, scale)),
        ]
    }

    fn signed_operand() -> impl Strategy<Value = (Decimal, bool)> {
        (operand(), prop::bool::weighted(0.2))
    }

    /// 1 to 15 digits, leading zeros included.
    fn digit_string() -> impl Strategy<Value = String> {
        prop::collection::vec(0u32..=9, 1..=15).prop_map(|ds| {
            ds.into_iter()
                .filter_map(|d| char::from_digit(d, 10))
                .collect()
        })
    }

    fn op_char() -> impl Strategy<Value = char> {
        prop::sample::select(vec!['+', '-', '*', '/'])
    }

    /// Independent reference: first collapse every run of × and ÷ into one
    /// term, then add and subtract the terms left to right. `None` = Error.
    fn reference(first: Decimal, rest: &[(char, Decimal)]) -> Option<Decimal> {
        let mut terms = vec![('+', first)];
        for &(op, value) in rest {
            match op {
                '*' | '/' => {
                    let last = &mut terms.last_mut().unwrap().1;
                    *last = if op == '*' {
                        last.checked_mul(value)?
                    } else {
                        last.checked_div(value)?
                    };
                }
                _ => terms.push((op, value)),
            }
        }
        let mut total = terms[0].1;
        for &(op, value) in &terms[1..] {
            total = if op == '+' {
                total.checked_add(value)?
            } else {
                total.checked_sub(value)?
            };
        }
        Some(total)
    }

    /// The keys for one operand: its digits, then ± if negative.
    fn operand_keys((value, negative): (Decimal, bool)) -> String {
        let mut keys = value.to_string();
        if negative {
            keys.push('~');
        }
        keys
    }

    fn signed((value, negative): (Decimal, bool)) -> Decimal {
        if negative {
            -value
        } else {
            value
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn any_key_sequence_is_handled(keys in key_chars(64)) {
            let mut calc = Calculator::new();
            for c in keys {
                let k = key(c).unwrap();
                let press = calc.press(k);
                prop_assert!(!press.display.is_empty());
                prop_assert!(press.display.chars().count() <= 18, "{}", press.display);
                prop_assert_eq!(&press.display, &calc.display());
                prop_assert_eq!(&press.expression, &calc.expression());
                if let Some(pin) = &press.unlock_candidate {
                    prop_assert_eq!(k, Key::Equals);
                    prop_assert!(PIN_LENGTHS.contains(&pin.digits().len()));
                    prop_assert!(pin.digits().bytes().all(|b| b.is_ascii_digit()));
                    let shown = pin.digits().trim_start_matches('0');
                    prop_assert_eq!(&press.display, if shown.is_empty() { "0" } else { shown });
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        #[test]
        fn expressions_match_the_reference(
            first in signed_operand(),
            rest in prop::collection::vec((op_char(), signed_operand()), 0..6),
        ) {
            let mut keys = operand_keys(first);
            for &(op, operand) in &rest {
                keys.push(op);
                keys.push_str(&operand_keys(operand));
            }
            keys.push('=');

            // Typed key by key, as a person would: once Error shows (it may
            // show at an operator already), the calculation is over.
            let mut calc = Calculator::new();
            for k in keys.chars().filter_map(key) {
                if calc.press(k).display == ERROR_TEXT {
                    break;
                }
            }
            let values: Vec<_> = rest.iter().map(|&(op, o)| (op, signed(o))).collect();
            let expected = reference(signed(first), &values)
                .map_or_else(|| ERROR_TEXT.to_string(), format_number);
            prop_assert_eq!(calc.display(), expected, "keys: {}", keys);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn debug_output_hides_typed_digits(digits in digit_string(), equals: bool) {
            let mut calc = Calculator::new();
            let mut presses = Vec::new();
            for c in digits.chars() {
                presses.push(calc.press(key(c).unwrap()));
            }
            if equals {
                presses.push(calc.press(Key::Equals));
            }
            let printed = format!("{calc:?} {presses:?}");
            prop_assert!(!printed.contains(digits.as_str()));
            prop_assert!(!printed.bytes().any(|b| b.is_ascii_digit()), "{}", printed);
        }

        #[test]
        fn only_6_to_12_plain_digits_are_candidates(digits in digit_string()) {
            let (_, press) = run(&format!("{digits}="));
            let press = press.unwrap();
            let expected = PIN_LENGTHS.contains(&digits.len());
            prop_assert_eq!(press.unlock_candidate.is_some(), expected);
            if let Some(pin) = press.unlock_candidate {
                prop_assert_eq!(pin.digits(), digits.as_str());
            }
        }
    }
}
