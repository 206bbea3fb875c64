import AVFoundation
import HavenAppLogic
import PDFKit
import SwiftUI
import UIKit

/// Shows one attachment from the bytes the model holds in memory: images decoded from `Data`,
/// audio played by `AVAudioPlayer(data:)`, PDFs rendered by PDFKit from `Data`. Nothing is
/// written to a file. A lock empties the model's viewer, which closes this sheet.
struct EvidenceView: View {
    let model: AppModel
    @State private var player: AVAudioPlayer?
    @State private var isPlaying = false

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        NavigationStack {
            Group {
                if let evidence = model.journal.viewer {
                    switch evidence.display {
                    case .image:
                        if let image = UIImage(data: evidence.bytes) {
                            ScrollView([.horizontal, .vertical]) { Image(uiImage: image).resizable().scaledToFit() }
                        } else {
                            Text(t(.evidenceCannotShow))
                        }
                    case .audio:
                        Button(isPlaying ? t(.stop) : t(.play)) { toggle(evidence.bytes) }
                            .font(.title2)
                    case .pdf:
                        PDFDataView(data: evidence.bytes)
                    case .other:
                        Text(t(.evidenceCannotShow))
                    }
                }
            }
            .toolbar {
                ToolbarItem(placement: .cancellationAction) {
                    Button(t(.close)) { model.journal.closeViewer() }
                }
            }
            .exitButton(model)
        }
        .onDisappear {
            player?.stop()
            player = nil
            isPlaying = false
        }
    }

    private func toggle(_ bytes: Data) {
        if let player, player.isPlaying {
            player.stop()
            isPlaying = false
            return
        }
        player = try? AVAudioPlayer(data: bytes)
        isPlaying = player?.play() ?? false
    }
}

/// PDFKit's view over a document made from memory.
private struct PDFDataView: UIViewRepresentable {
    let data: Data

    func makeUIView(context: Context) -> PDFView {
        let view = PDFView()
        view.autoScales = true
        view.document = PDFDocument(data: data)
        return view
    }

    func updateUIView(_ view: PDFView, context: Context) {}
}
