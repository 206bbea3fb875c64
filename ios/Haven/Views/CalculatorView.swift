import HavenAppLogic
import SwiftUI

/// The disguise: a working calculator. Every key goes to the core's calculator through the
/// model; "=" after a PIN also tries it, off the main thread, with nothing on screen to show it.
struct CalculatorView: View {
    let model: AppModel

    var body: some View {
        VStack(spacing: 12) {
            Spacer()
            Text(model.expression)
                .font(.title3)
                .foregroundStyle(.gray)
                .lineLimit(1)
                .frame(maxWidth: .infinity, alignment: .trailing)
            Text(model.display)
                .font(.system(size: 80, weight: .light))
                .foregroundStyle(.white)
                .lineLimit(1)
                .minimumScaleFactor(0.4)
                .frame(maxWidth: .infinity, alignment: .trailing)
                .accessibilityAddTraits(.updatesFrequently)
                // The deliberate action that opens setup when no vault exists (after "erase
                // everything"); the model ignores it while a vault exists. Typing numbers and
                // "=" never opens setup.
                .onLongPressGesture(minimumDuration: 3) { Task { await model.requestSetup() } }
            Grid(horizontalSpacing: 12, verticalSpacing: 12) {
                ForEach(CalculatorKey.rows, id: \.self) { row in
                    GridRow {
                        ForEach(row, id: \.self) { key in
                            KeyButton(key: key) { model.press(key) }
                        }
                    }
                }
            }
        }
        .padding(20)
        .background(Color.black)
        .preferredColorScheme(.dark)
    }
}

private struct KeyButton: View {
    let key: CalculatorKey
    let action: () -> Void

    var body: some View {
        Button(action: action) {
            Text(key.label)
                .font(.system(size: 32, weight: .medium))
                .frame(maxWidth: .infinity, minHeight: 72)
                .foregroundStyle(.white)
                .background(key.isOperator ? Color.orange : Color(white: 0.2), in: Circle())
        }
        .buttonStyle(.plain)
    }
}
