public import RegistryDomain
import RegistryJSON

extension StateContext {
    /// Every record's verdict, with the context it was judged in, in the order given — on every core: each
    /// verdict re-verifies the tool's stored attestation, and one after the other a 10,000-tool registry took
    /// ~1.7 s to list.
    public func evaluate(_ records: [ToolRecord], vendors: [String: VendorRecord], with validator: Validator)
        -> [(verdict: ToolVerdict, context: EvaluationContext)]
    {
        Parallel.map(records, minimumPerWorker: 64) { record in
            let vendor = vendors[record.vendor]
            let context = context(for: record, vendor: vendor)
            return (validator.evaluate(record, vendor: vendor, context: context), context)
        }
    }
}
