import HavenAppLogic
import SwiftUI

/// Picks the top-level screen from the model's phase and lays the privacy cover over
/// everything whenever the scene is not active (so the app switcher's snapshot shows a blank
/// calculator, never the vault, the setup form or digits being typed).
struct RootView: View {
    let model: AppModel

    var body: some View {
        ZStack {
            switch model.phase {
            case .starting:
                PrivacyCoverView()
            case .setup:
                SetupView(model: model)
            case .calculator:
                CalculatorView(model: model)
            case .notes:
                NotesView(model: model)
                    .simultaneousGesture(TapGesture().onEnded { model.userInteracted() })
            case .vault:
                VaultHomeView(model: model)
                    // Every touch restarts the auto-lock timer; the loop below checks it.
                    .simultaneousGesture(TapGesture().onEnded { model.userInteracted() })
                    .simultaneousGesture(DragGesture(minimumDistance: 0).onChanged { _ in model.userInteracted() })
                    .task {
                        while !Task.isCancelled {
                            try? await Task.sleep(nanoseconds: 5_000_000_000)
                            model.lockIfIdle()
                        }
                    }
            }
            if model.showsPrivacyCover {
                PrivacyCoverView()
                    .transition(.identity) // no fade: the snapshot is taken at once
            }
        }
        .task { await model.start() }
    }
}

/// What the app switcher shows: an idle calculator.
struct PrivacyCoverView: View {
    var body: some View {
        VStack(alignment: .trailing, spacing: 12) {
            Spacer()
            Text("0")
                .font(.system(size: 80, weight: .light))
                .foregroundStyle(.white)
                .frame(maxWidth: .infinity, alignment: .trailing)
                .padding(.horizontal, 24)
            Color.clear.frame(height: 420)
        }
        .background(Color.black)
        .ignoresSafeArea()
        .accessibilityHidden(true)
    }
}
