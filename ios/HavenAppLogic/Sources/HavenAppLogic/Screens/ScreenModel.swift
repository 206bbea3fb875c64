import Foundation

/// What every vault screen's model has: a link back to the app model (for the session, her
/// language and the alert), and a `reset()` that forgets everything it loaded. `AppModel` owns
/// one of each and resets them all on every lock, so nothing shown before a lock stays in
/// memory the views can reach.
@MainActor
protocol ScreenModel: AnyObject {
    func attach(_ app: AppModel)
    func reset()
}
