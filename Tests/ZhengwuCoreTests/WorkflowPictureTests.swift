import Foundation
import Testing
@testable import ZhengwuCore

@Suite("Workflow picture")
struct WorkflowPictureTests {
    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test("one box per step; parallel steps share a column; names and details are escaped")
    func boxes() throws {
        var definition = WorkflowFixtures.definition
        definition.stages[0].steps[0].name = "<审查&核验>"
        let svg = definition.svg(.init(title: "受理、并联审查、审批", detail: { "\($0.allottedDays) 个工作日" }))
        #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>"))
        #expect(count("<rect ", in: svg) == 4)
        #expect(svg.contains("&lt;审查&amp;核验&gt;") && !svg.contains("<审查"))
        #expect(svg.contains("5 个工作日") && svg.contains("受理、并联审查、审批"))
        // The two parallel reviews stand in the same column.
        let xs = try NSRegularExpression(pattern: #"<rect x="(\d+)""#)
            .matches(in: svg, range: NSRange(svg.startIndex..., in: svg))
            .map { Int((svg as NSString).substring(with: $0.range(at: 1)))! }
        #expect(xs.count == 4 && xs[1] == xs[2] && xs[0] < xs[1] && xs[2] < xs[3])
        // Two arrowheads into stage 2 (one per parallel step) and one into stage 3.
        #expect(count("l8 5l-8 5z", in: svg) == 3)
    }

    @Test("the public picture leaves the details out")
    func simplified() {
        let svg = WorkflowFixtures.definition.svg(.init(title: "流程"))
        #expect(!svg.contains("个工作日") && svg.contains("规划审查"))
    }

    @Test("a case's picture marks the steps being worked and those done, in colour and in words")
    func progress() throws {
        var run = WorkflowRun(definition: WorkflowFixtures.definition)
        try run.approve("check", by: WorkflowFixtures.clerk)
        let snapshot = run
        let svg = WorkflowFixtures.definition.svg(.init(title: "流程", progress: { step in
            let status = snapshot.steps[step.key]?.status ?? .waiting
            return .init(status: status, label: status.rawValue)
        }))
        // One done step, two parallel steps being worked, one waiting.
        #expect(count("stroke=\"#2e6b3a\"", in: svg) == 1)
        #expect(count("stroke-width=\"4\"", in: svg) == 2)
        #expect(svg.contains("<title>材料审查（done）</title>") && svg.contains("<title>规划审查（active）</title>"))
        #expect(svg.contains("<title>会签（waiting）</title>"))
        #expect(!WorkflowFixtures.definition.svg(.init(title: "流程")).contains("stroke-width=\"4\""))
    }
}
