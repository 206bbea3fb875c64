//! The verifier's words in English, Russian and Kazakh, shared by `haven bundle open` and the
//! offline web page so both say the same thing.
//!
//! Plain words for someone frightened or in a hurry; no legal claims beyond what the check
//! establishes (see `docs/advocates.md`).

/// A language of the verifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Қазақша.
    Kk,
    /// Русский.
    Ru,
    /// English.
    En,
}

impl Lang {
    /// From a tag: `kk`, `ru` or `en`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

/// (key, [en, ru, kk]).
const LABELS: &[(&str, [&str; 3])] = &[
    ("title", ["Haven journal bundle — verification", "Журнал Haven — проверка", "Haven журналы — тексеру"]),
    ("intro", [
        "This page works offline. Nothing you open here is sent anywhere or saved by the browser.",
        "Эта страница работает без интернета. Ничего из открытого здесь не отправляется и не сохраняется браузером.",
        "Бұл бет интернетсіз жұмыс істейді. Мұнда ашылған ештеңе ешқайда жіберілмейді және браузерде сақталмайды.",
    ]),
    ("choose_file", ["Bundle file", "Файл журнала", "Журнал файлы"]),
    ("passphrase", ["Passphrase", "Парольная фраза", "Құпия фраза"]),
    ("open", ["Open and verify", "Открыть и проверить", "Ашу және тексеру"]),
    ("print", ["Print", "Печать", "Басып шығару"]),
    ("close", ["Close and forget", "Закрыть и забыть", "Жабу және ұмыту"]),
    ("working", ["Opening… this can take a few seconds.", "Открываем… это может занять несколько секунд.", "Ашылуда… бұл бірнеше секунд алуы мүмкін."]),
    ("chain_intact", [
        "Evidence chain intact: no revision or attachment was changed since this chain head was made.",
        "Цепочка доказательств цела: ни одна запись и ни одно вложение не изменены с момента создания этого хеша.",
        "Дәлелдер тізбегі бүтін: осы хеш жасалғаннан бері ешбір жазба да, тіркеме де өзгертілмеген.",
    ]),
    ("chain_broken", [
        "Evidence chain BROKEN: this bundle was altered after it was made.",
        "Цепочка доказательств НАРУШЕНА: этот файл изменили после создания.",
        "Дәлелдер тізбегі БҰЗЫЛҒАН: бұл файл жасалғаннан кейін өзгертілген.",
    ]),
    ("first_break", ["First broken link", "Первое нарушенное звено", "Алғашқы бұзылған буын"]),
    ("chain_head", ["Chain head (compare with the one printed earlier)", "Последний хеш цепочки (сравните с напечатанным ранее)", "Тізбектің соңғы хеші (бұрын басылғанымен салыстырыңыз)"]),
    ("head_claimed", [
        "Chain head the bundle claims — NOT verified, do not rely on it",
        "Хеш, указанный в файле, — НЕ подтверждён, не полагайтесь на него",
        "Файлда көрсетілген хеш — РАСТАЛМАҒАН, оған сенбеңіз",
    ]),
    ("revisions_total", ["Revisions in the chain", "Версий в цепочке", "Тізбектегі нұсқалар"]),
    ("entries", ["Entries", "Записи", "Жазбалар"]),
    ("entry", ["Entry", "Запись", "Жазба"]),
    ("revision", ["Revision", "Версия", "Нұсқа"]),
    ("action", ["Action", "Действие", "Әрекет"]),
    ("recorded", ["Recorded (UTC)", "Записано (UTC)", "Жазылған уақыты (UTC)"]),
    ("occurred", ["Happened (UTC)", "Произошло (UTC)", "Болған уақыты (UTC)"]),
    ("time_zone", ["Time zone", "Часовой пояс", "Уақыт белдеуі"]),
    ("kinds", ["What kind", "Вид", "Түрі"]),
    ("narrative", ["What happened", "Что произошло", "Не болды"]),
    ("injuries", ["Injuries", "Травмы", "Жарақаттар"]),
    ("witnesses", ["Witnesses", "Свидетели", "Куәгерлер"]),
    ("place", ["Place", "Место", "Орны"]),
    ("police", ["Police", "Полиция", "Полиция"]),
    ("medical", ["Medical help", "Медицинская помощь", "Медициналық көмек"]),
    ("reference", ["reference", "номер", "нөмірі"]),
    ("yes", ["yes", "да", "иә"]),
    ("no", ["no", "нет", "жоқ"]),
    ("hidden", ["Hidden in the app", "Скрыта в приложении", "Қосымшада жасырылған"]),
    ("erased", ["Content erased by her (the link is kept)", "Содержимое стёрто ею (звено сохранено)", "Мазмұнын ол өшірген (буын сақталған)"]),
    ("hash", ["Hash", "Хеш", "Хеш"]),
    ("attachments", ["Attachments", "Вложения", "Тіркемелер"]),
    ("file_name", ["File", "Файл", "Файл"]),
    ("no_name", ["(no name)", "(без имени)", "(атауы жоқ)"]),
    ("size", ["Size (bytes)", "Размер (байт)", "Көлемі (байт)"]),
    ("sha256", ["SHA-256", "SHA-256", "SHA-256"]),
    ("attachment_ok", ["matches", "совпадает", "сәйкес"]),
    ("attachment_altered", ["ALTERED", "ИЗМЕНЕНО", "ӨЗГЕРТІЛГЕН"]),
    ("plaintext_warning", [
        "Warning: the opened journal and its attachments are now unencrypted on this computer. Keep them only where no one else can reach them, and delete them when you are done.",
        "Внимание: открытый журнал и вложения теперь лежат на этом компьютере без шифрования. Храните их только там, куда никто другой не доберётся, и удалите, когда закончите.",
        "Назар аударыңыз: ашылған журнал мен тіркемелер енді осы компьютерде шифрсыз тұр. Оларды басқа ешкім қол жеткізе алмайтын жерде ғана сақтаңыз және жұмыс біткен соң өшіріңіз.",
    ]),
    ("proves", [
        "What this proves: nothing in the bundle changed after this chain head was made. It does not prove who wrote the entries or that they are true; compare the head with one she printed or sent earlier.",
        "Что это доказывает: ничего в файле не менялось после создания этого хеша. Это не доказывает, кто написал записи и что они правдивы; сравните хеш с тем, что она напечатала или отправила раньше.",
        "Бұл нені дәлелдейді: осы хеш жасалғаннан кейін файлда ештеңе өзгермеген. Жазбаларды кім жазғанын немесе олардың шындығын дәлелдемейді; хешті ол бұрын басып шығарған не жіберген хешпен салыстырыңыз.",
    ]),
    ("action_create", ["written", "создана", "жазылды"]),
    ("action_edit", ["edited", "изменена", "өзгертілді"]),
    ("action_attach", ["attachment added", "добавлено вложение", "тіркеме қосылды"]),
    ("action_hide", ["hidden", "скрыта", "жасырылды"]),
    ("action_restore", ["shown again", "снова показана", "қайта көрсетілді"]),
    ("action_erase", ["erased", "стёрта", "өшірілді"]),
    ("kind_physical", ["physical violence", "физическое насилие", "физикалық зорлық"]),
    ("kind_sexual", ["sexual violence", "сексуальное насилие", "жыныстық зорлық"]),
    ("kind_psychological", ["psychological abuse", "психологическое насилие", "психологиялық зорлық"]),
    ("kind_threats", ["threats", "угрозы", "қорқыту"]),
    ("kind_economic", ["economic abuse", "экономическое насилие", "экономикалық зорлық"]),
    ("kind_stalking", ["stalking", "преследование", "аңду"]),
    ("kind_digital", ["digital abuse", "цифровое насилие", "цифрлық зорлық"]),
    ("kind_harm_to_children", ["harm to children", "вред детям", "балаларға зиян"]),
    ("kind_harm_to_pets", ["harm to pets", "вред животным", "үй жануарларына зиян"]),
    ("attachment_kind_photo", ["photo", "фото", "фото"]),
    ("attachment_kind_audio", ["audio", "аудио", "аудио"]),
    ("attachment_kind_document", ["document", "документ", "құжат"]),
    ("problem_link_broken", [
        "a revision was removed, inserted or reordered here",
        "здесь удалили, вставили или переставили запись",
        "мұнда жазба өшірілген, қосылған немесе орны ауыстырылған",
    ]),
    ("problem_sequence_broken", ["revision numbers are out of order", "нарушен порядок номеров версий", "нұсқа нөмірлерінің реті бұзылған"]),
    ("problem_revision_altered", ["this revision's content was changed", "содержимое этой версии изменено", "осы нұсқаның мазмұны өзгертілген"]),
    ("problem_content_missing", ["content is missing from an entry that was never erased", "из записи, которую не стирали, пропало содержимое", "өшірілмеген жазбаның мазмұны жоқ"]),
    ("problem_head_mismatch", ["the chain head does not match the last revision", "последний хеш не совпадает с последней версией", "соңғы хеш соңғы нұсқаға сәйкес емес"]),
    ("problem_attachment_altered", ["an attachment's bytes were changed", "байты вложения изменены", "тіркеменің байттары өзгертілген"]),
    ("err_wrong_passphrase", [
        "This passphrase does not open the bundle (or the file is damaged).",
        "Эта парольная фраза не открывает файл (или файл повреждён).",
        "Бұл құпия фраза файлды ашпайды (немесе файл бүлінген).",
    ]),
    ("err_damaged", [
        "The file is damaged or was altered: it cannot be trusted.",
        "Файл повреждён или изменён: ему нельзя доверять.",
        "Файл бүлінген немесе өзгертілген: оған сенуге болмайды.",
    ]),
    ("err_not_a_bundle", ["This is not a Haven bundle.", "Это не файл Haven.", "Бұл Haven файлы емес."]),
    ("err_too_much_work", [
        "The file asks for too much work to open.",
        "Файл требует слишком много ресурсов для открытия.",
        "Файлды ашу үшін тым көп ресурс қажет.",
    ]),
];

/// The text for `key` in `lang` (the key itself if unknown, so a gap shows rather than hides).
pub fn label(lang: Lang, key: &str) -> &str {
    let i = match lang {
        Lang::En => 0,
        Lang::Ru => 1,
        Lang::Kk => 2,
    };
    LABELS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, t)| t[i])
}

/// Every label in `lang`, as JSON (for the web page).
pub fn all_json(lang: Lang) -> String {
    let map: serde_json::Map<String, serde_json::Value> = LABELS
        .iter()
        .map(|(k, _)| ((*k).to_owned(), label(lang, k).into()))
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// The label key for an error.
pub fn error_key(e: &crate::BundleError) -> &'static str {
    use crate::BundleError as E;
    match e {
        E::WrongPassphrase => "err_wrong_passphrase",
        E::TooMuchWork => "err_too_much_work",
        E::NotABundle | E::NotPassphraseProtected | E::NotHaven | E::UnsupportedFormat => {
            "err_not_a_bundle"
        }
        _ => "err_damaged",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_translated_and_keys_are_unique() {
        let mut keys = std::collections::HashSet::new();
        for (k, t) in LABELS {
            assert!(keys.insert(*k), "{k} twice");
            assert!(t.iter().all(|s| !s.is_empty()), "{k}");
        }
        for action in crate::verify::ACTIONS {
            assert_ne!(
                label(Lang::Kk, &format!("action_{action}")),
                format!("action_{action}")
            );
        }
        for kind in crate::verify::ATTACHMENT_KINDS {
            let key = format!("attachment_kind_{kind}");
            assert_ne!(label(Lang::Ru, &key), key);
        }
    }
}
