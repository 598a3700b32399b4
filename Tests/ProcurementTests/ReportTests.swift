import Procurement
import RegistryDomain
import RegistryJSON
import TestSupport
import Testing

/// The report's escaping and its choice of the deciding reason.
@Suite struct ReportTests {
    @Test(arguments: [
        ("a & b", "a &amp; b"),
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ("say \"hi\" it's", "say &quot;hi&quot; it&#39;s"),
        ("bell\u{07}", "bell "),
    ])
    func html(input: String, escaped: String) {
        #expect(ReportEscaping.html(input) == escaped)
    }

    @Test(
        arguments: [
            ("https://vendor.example/terms?a=1&b=2", "https://vendor.example/terms?a=1&amp;b=2"),
            ("javascript:alert(1)", nil),
            ("https://x.example/a b", nil),
            ("data:text/html,hi", nil),
        ] as [(String, String?)])
    func href(input: String, escaped: String?) {
        #expect(ReportEscaping.href(input) == escaped)
    }

    @Test(arguments: [
        ("a | b", "a \\| b"),
        ("**bold** <b>", "\\*\\*bold\\*\\* \\<b\\>"),
        ("line\nbreak", "line break"),
        ("[link](x)", "\\[link\\](x)"),
    ])
    func markdown(input: String, escaped: String) {
        #expect(ReportEscaping.markdown(input) == escaped)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2,5", "\"'-2,5\""),
    ])
    func csv(input: String, escaped: String) {
        #expect(ReportEscaping.csv(input) == escaped)
    }

    @Test func mainReasonIsTheDecidingOne() {
        var failing = Fixture.compliant()
        failing.terms.training = Training(inputs: .optOut, outputs: .never)
        #expect(ProcurementReport.mainReason(Fixture.verdict(failing)).code.rawValue == "trains-by-default")
        #expect(ProcurementReport.mainReason(Fixture.verdict(failing)).message.hasPrefix("no-train: "))

        var stale = Fixture.compliant()
        stale.review = Review(by: "T", on: Fixture.today.adding(days: -400))
        #expect(ProcurementReport.mainReason(Fixture.verdict(stale)).code.rawValue == "review-overdue")

        var open = Fixture.compliant()
        open.terms.environment.sso = nil
        #expect(ProcurementReport.mainReason(Fixture.verdict(open)).code.rawValue == "environment-unknown")

        #expect(ProcurementReport.mainReason(Fixture.verdict(Fixture.compliant())).code.rawValue == "compliant")
    }
}
