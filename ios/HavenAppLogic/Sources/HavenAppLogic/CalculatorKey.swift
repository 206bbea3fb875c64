/// A key on the disguise calculator, with what the button shows.
///
/// The arithmetic is the core's (`Calculator.press`); this type only names the keys and lays
/// them out, so that the SwiftUI grid is a plain loop over `CalculatorKey.rows`.
public enum CalculatorKey: Hashable, Sendable {
    case digit(Int)
    case point
    case add, subtract, multiply, divide
    case percent, toggleSign
    case equals
    case clear
    case backspace

    /// The keypad, top to bottom, as on a phone calculator.
    public static let rows: [[CalculatorKey]] = [
        [.clear, .toggleSign, .percent, .divide],
        [.digit(7), .digit(8), .digit(9), .multiply],
        [.digit(4), .digit(5), .digit(6), .subtract],
        [.digit(1), .digit(2), .digit(3), .add],
        [.backspace, .digit(0), .point, .equals],
    ]

    /// The button's label. The same in every language, like a real calculator's.
    public var label: String {
        switch self {
        case .digit(let value): return String(value)
        case .point: return "."
        case .add: return "+"
        case .subtract: return "−"
        case .multiply: return "×"
        case .divide: return "÷"
        case .percent: return "%"
        case .toggleSign: return "±"
        case .equals: return "="
        case .clear: return "AC"
        case .backspace: return "⌫"
        }
    }

    /// Whether the button is drawn as an operator (the coloured column).
    public var isOperator: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .equals: return true
        default: return false
        }
    }
}
