import Foundation

/// Every piece of text Haven shows inside its own screens, in Kazakh, Russian and English.
///
/// The text lives here, in code, rather than in the app bundle's string catalog, for two
/// reasons: the language inside the vault is the one she chose, which need not be the phone's
/// (so `NSLocalizedString`'s bundle lookup would pick the wrong one), and the tests on Linux can
/// check every message in every language. The bundle's `.strings` files hold only what iOS
/// itself reads (the app's display name).
///
/// Texts with `%d` or `%@` take arguments: `Strings.text(.pinLength, in: .ru, 6, 12)`.
/// Translations are drafts by the engineering team and need review by native speakers.
public enum TextKey: String, CaseIterable, Sendable {
    // Calculator
    case calculatorError
    // Common
    case exit, cancel, save, delete, add, done, edit, next, continueAction, somethingWentWrong
    // Setup
    case setupTitle, setupIntro, setupHowToOpen, setupLimitsTitle
    case setupLimitSettings, setupLimitIcon, setupLimitSpyware, setupLimitPin, setupLimitCalls
    case setupAcknowledge, createVault, pinField, pinConfirmField, pinHint, languageField
    case duressToggle, duressExplanation, duressPinField, duressPinConfirmField
    case duressNothingHere, duressOpenDecoy, duressShred
    case wipeAfterToggle, wipeAfterCount, wipeAfterWarning, noPasscodeWarning
    // Validation
    case pinRequired, pinDigitsOnly, pinLength, pinTooEasy, pinsDoNotMatch, duressSameAsPin
    case wipeAfterRange, acknowledgeRequired, nameRequired, phoneInvalid, textTooLong
    case narrativeRequired, endBeforeStart, wrongPin
    // Vault home
    case homeTitle, safetyPlan, contacts, journal, orders, directory, settings
    // Contacts and SOS
    case contactName, contactPhone, contactRelation, contactCodeWord, contactEmergency
    case call, message, callHistoryWarning, sos, sosExplanation, sosNoRecipients, sosSkipped
    case sosCannotSend, sosProgress
    // Journal
    case newEntry, occurredAt, narrative, injuries, witnesses, place, attachments
    case addPhoto, addDocument, attachmentNote, export, exportExplanation, revisionNote
    // Protection orders
    case orderKind, orderPolice, orderCourt, orderNoApproach, issuedOn, expiresOn, conditions
    case orderInForce, orderExpired, daysLeft
    // Directory
    case searchPlaceholder, noResults, confidentialAddress, directoryOutOfDate
    // Settings
    case changePin, currentPin, newPin, duressSettings, appIcon, iconAlertNote
    case iconStandard, iconDark, iconClassic
    case eraseEverything, eraseExplanation, eraseCountdown, erasePinPrompt
    // Added with the full journeys (texts in MoreStrings.swift)
    case tooManyAttempts, close, setupAgainHint
    case rights, dangerSigns, backup, nationalLines, sourceLabel, verifiedOn, notVerified
    case dangerSignsNoScore, whyItMatters, nextStep
    case relationField, editContact
    case previousMonth, nextMonth, showHidden, hiddenMark, hide, restore, incidentKinds
    case policeInvolved, policeReference, medicalInvolved, medicalReference, revisions
    case revisionCreate, revisionEdit, revisionAttach, revisionHide, revisionRestore, revisionErase
    case chainIntact, chainBroken, editEntry, evidenceCannotShow, play, stop
    case orderNumber, orderIssuer, openNow, closedNow, filterTypes, allPlaces, placeFilter
    case installPack, packInstalled, packWrongRegion, packOlder, packNeedsUpdate, packNotGenuine
    case packTooLarge, packNotAPack, packOldKept, addresses
    case dismissSuggestion, bringBack, dismissedSuggestions
    case passphrase, passphraseConfirm, passphraseTooShort, passphraseOk, passphraseStrong
    case passphrasesDoNotMatch, makeBackup, restoreBackup, backupExplanation, backupSaved, backupRestored
    case backupWrongPassphrase, backupJournalNotEmpty, backupNotABackup, backupDamaged, backupNothingChanged
    case removeDuress, wipeAfterSave, autoLock, autoLockNever, autoLockMinutes
    case wipeAfterNowOff, wipeAfterNowOn
    case setupRestoreToggle, setupRestoreExplanation, setupRestorePick, setupRestoreFileChosen
    case setupRestoreFileNeeded, setupRestorePassphraseNeeded, setupRestoreUnreadable, setupRestoreNotDone
    case notesTitle, newNote, decoyNotes, decoyNotesExplanation
}

public enum Strings {
    /// The text for `key` in `language`, with `arguments` substituted for `%d` / `%@`.
    public static func text(_ key: TextKey, in language: Language, _ arguments: CVarArg...) -> String {
        let template = translations(key)
        let chosen: String
        switch language {
        case .kk: chosen = template.kk
        case .ru: chosen = template.ru
        case .en: chosen = template.en
        }
        return arguments.isEmpty ? chosen : String(format: chosen, arguments: arguments)
    }

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    static func translations(_ key: TextKey) -> (kk: String, ru: String, en: String) {
        if let more = moreTranslations[key] { return more }
        switch key {
        case .calculatorError:
            return ("Қате", "Ошибка", "Error")

        case .exit:
            return ("Шығу", "Выйти", "Exit")
        case .cancel:
            return ("Бас тарту", "Отмена", "Cancel")
        case .save:
            return ("Сақтау", "Сохранить", "Save")
        case .delete:
            return ("Жою", "Удалить", "Delete")
        case .add:
            return ("Қосу", "Добавить", "Add")
        case .done:
            return ("Дайын", "Готово", "Done")
        case .edit:
            return ("Өңдеу", "Изменить", "Edit")
        case .next:
            return ("Келесі", "Далее", "Next")
        case .continueAction:
            return ("Жалғастыру", "Продолжить", "Continue")
        case .somethingWentWrong:
            return ("Қате шықты. Қайта көріңіз.",
                    "Произошла ошибка. Попробуйте ещё раз.",
                    "Something went wrong. Please try again.")

        case .setupTitle:
            return ("Баптау", "Настройка", "Set up")
        case .setupIntro:
            return ("Бұл калькулятор — сонымен қатар қауіпсіздік жоспарыңызға, сенімді байланыстарыңызға, "
                    + "күнделікке және көмек анықтамалығына арналған жабық, шифрланған орын. "
                    + "Барлығы тек осы телефонда сақталады, ешқайда жіберілмейді.",
                    "Этот калькулятор — ещё и закрытое зашифрованное место для вашего плана безопасности, "
                    + "доверенных контактов, дневника и справочника помощи. "
                    + "Всё хранится только на этом телефоне и никуда не отправляется.",
                    "This calculator is also a private, encrypted space for your safety plan, trusted "
                    + "contacts, a journal and a directory of help. "
                    + "Everything stays on this phone: nothing is sent anywhere.")
        case .setupHowToOpen:
            return ("Ашу үшін калькуляторда PIN-кодыңызды теріп, = басыңыз. "
                    + "Қалғанының бәрі жай ғана есептеледі.",
                    "Чтобы открыть его, наберите свой PIN-код на калькуляторе и нажмите =. "
                    + "Всё остальное просто считается.",
                    "To open it, type your PIN on the calculator and press =. "
                    + "Anything else just calculates.")
        case .setupLimitsTitle:
            return ("Бұл қосымша нені жасыра алмайды",
                    "Что это приложение не может скрыть",
                    "What this app cannot hide")
        case .setupLimitSettings:
            return ("Қосымшаның шын атауы App Store-да (сатып алулар мен жаңартулар) көрінеді және "
                    + "телефон Параметрлерінде де көрінуі мүмкін.",
                    "Настоящее название приложения видно в App Store (покупки и обновления) и может "
                    + "быть видно в Настройках телефона.",
                    "The app's real name shows in the App Store (your purchases and updates) and can "
                    + "show in the phone's Settings.")
        case .setupLimitIcon:
            return ("Белгішені ауыстырғанда iOS белгіше өзгергені туралы хабар көрсетеді.",
                    "При смене значка iOS показывает сообщение о том, что значок изменён.",
                    "When you change the icon, iOS shows a message saying the icon has changed.")
        case .setupLimitSpyware:
            return ("Ол телефондағы тыңшы бағдарламадан немесе бұл қосымшаның не екенін бұрыннан "
                    + "білетін адамнан қорғай алмайды.",
                    "Оно не защитит от шпионской программы на телефоне или от человека, который уже "
                    + "знает, что это за приложение.",
                    "It cannot protect you from spyware on the phone, or from someone who already "
                    + "knows what this app is.")
        case .setupLimitPin:
            return ("Ұмытылған PIN-кодты ешкім қалпына келтіре алмайды. Телефонның құпия кодын алып "
                    + "тастасаңыз немесе жаңа телефонға ауыссаңыз, қойманы енді ашу мүмкін болмайды: "
                    + "көшірмесін сақтау үшін экспорт жасаңыз. Сонда калькулятор тек есептейді, "
                    + "ештеңе айтпайды; қайта бастау үшін қосымшаны жойып, қайта орнатыңыз.",
                    "Забытый PIN-код восстановить нельзя. Если вы уберёте код-пароль телефона или "
                    + "перейдёте на новый телефон, хранилище больше не откроется: сделайте экспорт, "
                    + "чтобы сохранить копию. Калькулятор тогда будет только считать и ничего не "
                    + "скажет; чтобы начать заново, удалите приложение и установите его снова.",
                    "Nobody can recover a forgotten PIN. If you remove the phone's passcode or move to "
                    + "a new phone, the vault cannot be opened any more: make an export to keep a copy. "
                    + "The calculator will then only calculate and say nothing; to start again, delete "
                    + "the app and install it again.")
        case .setupLimitCalls:
            return ("Осы жерден басталған қоңыраулар мен хабарлар қоңыраулар тарихында және "
                    + "Хабарларда көрінеді.",
                    "Звонки и сообщения, начатые отсюда, появятся в журнале вызовов и в Сообщениях.",
                    "Calls and messages you start from here appear in the phone's call history and "
                    + "in Messages.")
        case .setupAcknowledge:
            return ("Түсінікті", "Понятно", "I understand")
        case .createVault:
            return ("Құру", "Создать", "Create")
        case .pinField:
            return ("PIN-код", "PIN-код", "PIN")
        case .pinConfirmField:
            return ("PIN-кодты қайталаңыз", "Повторите PIN-код", "Repeat the PIN")
        case .pinHint:
            return ("6–12 цифр. Туған күн немесе басқалар білетін сан болмасын.",
                    "От 6 до 12 цифр. Не дата рождения и не число, которое знают другие.",
                    "6 to 12 digits. Not a birth date or a number others know.")
        case .languageField:
            return ("Тіл", "Язык", "Language")
        case .duressToggle:
            return ("Қауіп PIN-кодын қосу", "Добавить тревожный PIN-код", "Add a duress PIN")
        case .duressExplanation:
            return ("Біреу қосымшаны ашуға мәжбүрлесе, теретін екінші PIN-код.",
                    "Второй PIN-код на случай, если вас заставят открыть приложение.",
                    "A second PIN to type if someone forces you to open the app.")
        case .duressPinField:
            return ("Қауіп PIN-коды", "Тревожный PIN-код", "Duress PIN")
        case .duressPinConfirmField:
            return ("Қауіп PIN-кодын қайталаңыз", "Повторите тревожный PIN-код", "Repeat the duress PIN")
        case .duressNothingHere:
            return ("Ештеңе көрсетпеу: калькулятор тек санды көрсетеді",
                    "Ничего не показывать: калькулятор просто покажет число",
                    "Show nothing: the calculator just shows the number")
        case .duressOpenDecoy:
            return ("Зиянсыз мазмұны бар алдамшы қойманы ашу",
                    "Открыть отвлекающее хранилище с безобидным содержимым",
                    "Open a decoy space with harmless content")
        case .duressShred:
            return ("Сонымен бірге нағыз қойманы білдірмей жою",
                    "Также незаметно уничтожить настоящее хранилище",
                    "Also silently destroy the real vault")
        case .wipeAfterToggle:
            return ("Көп рет қате PIN-кодтан кейін бәрін өшіру",
                    "Стереть всё после многих неверных PIN-кодов",
                    "Erase everything after many wrong PINs")
        case .wipeAfterCount:
            return ("Қате әрекеттер саны: %d", "Число неверных попыток: %d", "Number of wrong PINs: %d")
        case .wipeAfterWarning:
            return ("Әдепкіде өшірулі: телефонмен ойнаған бала оны кездейсоқ іске қосуы мүмкін.",
                    "По умолчанию выключено: это может случайно сделать ребёнок, играя с телефоном.",
                    "Off by default: a child playing with the phone could set it off by accident.")
        case .noPasscodeWarning:
            return ("Бұл телефонда құпия код жоқ, сондықтан қойма кілті онымен қорғалмаған. "
                    + "Күштірек қорғау үшін Параметрлерде құпия код орнатыңыз.",
                    "На этом телефоне нет код-пароля, поэтому ключ хранилища не защищён им. "
                    + "Установите код-пароль в Настройках для более надёжной защиты.",
                    "This phone has no passcode, so the vault's key is not protected by one. "
                    + "Set a passcode in Settings for stronger protection.")

        case .pinRequired:
            return ("PIN-кодты енгізіңіз.", "Введите PIN-код.", "Enter a PIN.")
        case .pinDigitsOnly:
            return ("Тек цифрларды пайдаланыңыз.", "Используйте только цифры.", "Use digits only.")
        case .pinLength:
            return ("PIN-код ұзындығы %d–%d цифр болуы керек.",
                    "PIN-код должен содержать от %d до %d цифр.",
                    "The PIN must be %d to %d digits long.")
        case .pinTooEasy:
            return ("Бұл PIN-кодты табу тым оңай. Қайталанатын немесе қатар келетін цифрларды "
                    + "пайдаланбаңыз.",
                    "Этот PIN-код слишком легко угадать. Не используйте повторяющиеся или идущие "
                    + "подряд цифры.",
                    "This PIN is too easy to guess. Avoid repeated or consecutive digits.")
        case .pinsDoNotMatch:
            return ("PIN-кодтар сәйкес келмейді.", "PIN-коды не совпадают.", "The two PINs do not match.")
        case .duressSameAsPin:
            return ("Қауіп PIN-коды негізгі PIN-кодтан өзгеше болуы керек.",
                    "Тревожный PIN-код должен отличаться от основного.",
                    "The duress PIN must differ from your PIN.")
        case .wipeAfterRange:
            return ("Санды таңдаңыз: %d–%d.", "Выберите число от %d до %d.", "Choose a number from %d to %d.")
        case .acknowledgeRequired:
            return ("Қосымша нені жасыра алмайтынын оқып шығыңыз.",
                    "Пожалуйста, прочитайте, что приложение не может скрыть.",
                    "Please read what the app cannot hide.")
        case .nameRequired:
            return ("Атын енгізіңіз.", "Введите имя.", "Enter a name.")
        case .phoneInvalid:
            return ("Телефон нөмірін енгізіңіз (цифрлар, + белгісінен басталуы мүмкін).",
                    "Введите номер телефона (цифры, можно начать с +).",
                    "Enter a phone number (digits, may start with +).")
        case .textTooLong:
            return ("Тым ұзын: ең көбі %d таңба.",
                    "Слишком длинно: не более %d символов.",
                    "Too long: at most %d characters.")
        case .narrativeRequired:
            return ("Не болғанын сипаттаңыз.", "Опишите, что произошло.", "Describe what happened.")
        case .endBeforeStart:
            return ("Аяқталу күні басталу күнінен кейін болуы керек.",
                    "Дата окончания должна быть позже даты начала.",
                    "The end date must be after the start date.")
        case .wrongPin:
            return ("PIN-код қате.", "Неверный PIN-код.", "That PIN is not right.")

        case .homeTitle:
            return ("Сіздің кеңістігіңіз", "Ваше пространство", "Your space")
        case .safetyPlan:
            return ("Қауіпсіздік жоспары", "План безопасности", "Safety plan")
        case .contacts:
            return ("Сенімді байланыстар", "Доверенные контакты", "Trusted contacts")
        case .journal:
            return ("Оқиғалар күнделігі", "Дневник происшествий", "Incident journal")
        case .orders:
            return ("Қорғау нұсқамалары", "Защитные предписания", "Protection orders")
        case .directory:
            return ("Көмек анықтамалығы", "Справочник помощи", "Where to get help")
        case .settings:
            return ("Баптаулар", "Настройки", "Settings")

        case .contactName:
            return ("Аты", "Имя", "Name")
        case .contactPhone:
            return ("Телефон", "Телефон", "Phone")
        case .contactRelation:
            return ("Кім болып келеді", "Кем приходится", "Relation")
        case .contactCodeWord:
            return ("Кодтық сөз", "Кодовое слово", "Code word")
        case .contactEmergency:
            return ("Төтенше байланыс", "Экстренный контакт", "Emergency contact")
        case .call:
            return ("Қоңырау шалу", "Позвонить", "Call")
        case .message:
            return ("Хабар жазу", "Написать", "Message")
        case .callHistoryWarning:
            return ("Қоңырау не хабар осы қосымшадан тыс — қоңыраулар тарихында және Хабарларда "
                    + "көрінеді. Қажет болса, кейін оларды сол жерден өшіріңіз.",
                    "Звонок или сообщение появятся вне этого приложения — в журнале вызовов и в "
                    + "Сообщениях. При необходимости удалите их там потом.",
                    "The call or message will appear outside this app, in the phone's call history "
                    + "and in Messages. Delete it there afterwards if you need to.")
        case .sos:
            return ("SOS", "SOS", "SOS")
        case .sosExplanation:
            return ("Әр төтенше байланысқа кодтық сөзі бар SMS дайындайды. «Жіберу» түймесін "
                    + "баспайынша, ештеңе жіберілмейді.",
                    "Готовит SMS с кодовым словом для каждого экстренного контакта. Ничего не "
                    + "отправится, пока вы не нажмёте «Отправить».",
                    "Prepares a text message with each emergency contact's code word. Nothing is "
                    + "sent until you press Send.")
        case .sosNoRecipients:
            return ("Төтенше байланыстардың ешқайсысында әзірге кодтық сөз жоқ.",
                    "Ни у одного экстренного контакта пока нет кодового слова.",
                    "No emergency contact has a code word yet.")
        case .sosSkipped:
            return ("Кодтық сөзсіз (қосылмады): %@",
                    "Без кодового слова (не включены): %@",
                    "Without a code word (not included): %@")
        case .sosCannotSend:
            return ("Бұл құрылғы SMS жібере алмайды.",
                    "Это устройство не может отправлять SMS.",
                    "This device cannot send text messages.")
        case .sosProgress:
            return ("Хабар: %d / %d", "Сообщение %d из %d", "Message %d of %d")

        case .newEntry:
            return ("Жаңа жазба", "Новая запись", "New entry")
        case .occurredAt:
            return ("Қашан болды", "Когда это произошло", "When it happened")
        case .narrative:
            return ("Не болды", "Что произошло", "What happened")
        case .injuries:
            return ("Жарақаттар", "Травмы", "Injuries")
        case .witnesses:
            return ("Куәлар", "Свидетели", "Witnesses")
        case .place:
            return ("Орны", "Место", "Place")
        case .attachments:
            return ("Тіркемелер", "Вложения", "Attachments")
        case .addPhoto:
            return ("Фото қосу", "Добавить фото", "Add photo")
        case .addDocument:
            return ("Құжат қосу", "Добавить документ", "Add document")
        case .attachmentNote:
            return ("Көшірмесі қоймада шифрланып сақталады. Түпнұсқасы Фото немесе Файлдар ішінде "
                    + "қалады: сақтау қауіпті болса, оны сол жерден өшіріңіз.",
                    "Копия хранится в хранилище в зашифрованном виде. Оригинал остаётся в Фото или "
                    + "Файлах: удалите его там, если хранить его небезопасно.",
                    "An encrypted copy is kept in the vault. The original stays in Photos or Files: "
                    + "delete it there if it is not safe to keep.")
        case .export:
            return ("Экспорттау", "Экспорт", "Export")
        case .exportExplanation:
            return ("Заңгерге немесе кеңесшіге арналған есеп жасайды. Экспортталған файл қоймадан "
                    + "тыс болады: оны жіберіп, кейін өшіріңіз.",
                    "Создаёт отчёт для юриста или консультанта. Экспортированный файл находится вне "
                    + "хранилища: отправьте его, затем удалите.",
                    "Creates a report for a lawyer or advocate. The exported file is outside the "
                    + "vault: share it, then delete it.")
        case .revisionNote:
            return ("Жазбаларды кейін өзгертуге болмайды; түзету жаңа нұсқа ретінде сақталады.",
                    "Записи нельзя изменить задним числом; правка сохраняется как новая версия.",
                    "Entries cannot be altered afterwards; an edit is saved as a new version.")

        case .orderKind:
            return ("Түрі", "Вид", "Kind")
        case .orderPolice:
            return ("Полицияның қорғау нұсқамасы", "Защитное предписание полиции", "Police protective order")
        case .orderCourt:
            return ("Соттың ерекше талаптар белгілеуі",
                    "Установление судом особых требований",
                    "Court order with special requirements")
        case .orderNoApproach:
            return ("Жақындауға тыйым (қылмыстық іс)",
                    "Запрет приближаться (уголовное дело)",
                    "No-approach order (criminal case)")
        case .issuedOn:
            return ("Берілген күні", "Дата выдачи", "Issued on")
        case .expiresOn:
            return ("Аяқталу күні", "Действует до", "Expires on")
        case .conditions:
            return ("Шарттары", "Условия", "Conditions")
        case .orderInForce:
            return ("Күшінде", "Действует", "In force")
        case .orderExpired:
            return ("Мерзімі өтті", "Срок истёк", "Expired")
        case .daysLeft:
            return ("Қалған күн: %d", "Осталось дней: %d", "Days left: %d")

        case .searchPlaceholder:
            return ("Қала, қызмет немесе атауы", "Город, услуга или название", "City, service or name")
        case .noResults:
            return ("Ештеңе табылмады", "Ничего не найдено", "Nothing found")
        case .confidentialAddress:
            return ("Мекенжайы тек телефон арқылы айтылады",
                    "Адрес сообщают только по телефону",
                    "The address is given by phone only")
        case .directoryOutOfDate:
            return ("Анықтамалық ескірген болуы мүмкін.",
                    "Справочник может быть устаревшим.",
                    "This directory may be out of date.")

        case .changePin:
            return ("PIN-кодты өзгерту", "Сменить PIN-код", "Change PIN")
        case .currentPin:
            return ("Қазіргі PIN-код", "Текущий PIN-код", "Current PIN")
        case .newPin:
            return ("Жаңа PIN-код", "Новый PIN-код", "New PIN")
        case .duressSettings:
            return ("Қауіп PIN-коды", "Тревожный PIN-код", "Duress PIN")
        case .appIcon:
            return ("Қосымша белгішесі", "Значок приложения", "App icon")
        case .iconAlertNote:
            return ("iOS белгіше ауысқаны туралы хабар көрсетеді — оны өшіру мүмкін емес. "
                    + "Хабар көрсетілгенде қойма жабылады.",
                    "iOS покажет сообщение о смене значка — отключить его нельзя. "
                    + "Пока сообщение на экране, хранилище закрывается.",
                    "iOS shows a message saying the icon has changed; this cannot be turned off. "
                    + "The vault locks while the message is shown.")
        case .iconStandard:
            return ("Стандартты", "Стандартный", "Standard")
        case .iconDark:
            return ("Қараңғы", "Тёмный", "Dark")
        case .iconClassic:
            return ("Классикалық", "Классический", "Classic")
        case .eraseEverything:
            return ("Бәрін өшіру", "Стереть всё", "Erase everything")
        case .eraseExplanation:
            return ("Алдымен қойма кілтін, сосын файлдарын жояды. Кейін ештеңені қалпына келтіру "
                    + "мүмкін емес. Кері санақ кезінде бас тартуға болады.",
                    "Сначала уничтожает ключ хранилища, затем его файлы. Восстановить ничего будет "
                    + "нельзя. Во время обратного отсчёта можно отменить.",
                    "Destroys the vault's key first, then its files. Nothing can be recovered "
                    + "afterwards. You can cancel during the countdown.")
        case .eraseCountdown:
            return ("%d с кейін өшіріледі", "Удаление через %d с", "Erasing in %d s")
        case .erasePinPrompt:
            return ("Өшіру үшін PIN-кодты енгізіңіз",
                    "Введите PIN-код, чтобы стереть",
                    "Enter your PIN to erase")
        default:
            return ("", "", "") // every other key is in `moreTranslations` (a test checks)
        }
    }
}
