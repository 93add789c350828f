/// Copies a Type 2 charstring (Adobe TN 5177) with its subroutine calls replaced by the bodies
/// they call: a subset then needs no subroutines, and the hundreds of kilobytes of them a CJK
/// font carries stay out of the PDF. Only what the copy needs is interpreted: operand counts (for
/// the hint masks' length) and the subroutine numbers. Each program is copied out of the font file
/// once and read from the copy (a byte at a time from the mapped file costs a runtime check each).
struct CharstringFlattener {
    let bytes: FontBytes
    let globalSubrs: CFFIndex
    let localSubrs: CFFIndex?
    private(set) var output: [UInt8] = []
    /// Operands on the stack: where each starts in the output and its value.
    private var stack: [(start: Int, value: Int)] = []
    private var stems = 0
    private var finished = false

    init(bytes: FontBytes, globalSubrs: CFFIndex, localSubrs: CFFIndex?) {
        self.bytes = bytes
        self.globalSubrs = globalSubrs
        self.localSubrs = localSubrs
        output.reserveCapacity(512)
        stack.reserveCapacity(48)   // Type 2 allows 48 operands
    }

    private static func bias(_ count: Int) -> Int { count < 1240 ? 107 : count < 33900 ? 1131 : 32768 }

    mutating func run(_ range: Range<Int>, depth: Int) {
        guard depth <= 10 else { return }
        let bytes = self.bytes.slice(range)
        var i = 0
        while i < bytes.count && !finished {
            let b0 = Int(bytes[i])
            switch b0 {
            case 28:
                push(Int(Int16(bitPattern: UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i + 2]))), bytes, i, 3); i += 3
            case 32...246:
                stack.append((output.count, b0 - 139))
                output.append(UInt8(b0)); i += 1
            case 247...250:
                push((b0 - 247) * 256 + Int(bytes[i + 1]) + 108, bytes, i, 2); i += 2
            case 251...254:
                push(-(b0 - 251) * 256 - Int(bytes[i + 1]) - 108, bytes, i, 2); i += 2
            case 255:
                let fixed = UInt32(bytes[i + 1]) << 24 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 8 | UInt32(bytes[i + 4])
                push(Int(Int32(bitPattern: fixed) >> 16), bytes, i, 5); i += 5
            case 10, 29:   // callsubr, callgsubr
                i += 1
                guard let number = stack.popLast() else { continue }
                output.removeLast(output.count - number.start)
                let subrs = b0 == 10 ? localSubrs : globalSubrs
                guard let subrs else { continue }
                let index = number.value + Self.bias(subrs.count)
                if index >= 0 && index < subrs.count { run(subrs.range(index), depth: depth + 1) }
            case 11:       // return
                return
            case 14:       // endchar
                output.append(14)
                finished = true
            case 1, 3, 18, 23:   // hstem, vstem, hstemhm, vstemhm
                stems += stack.count / 2
                output.append(UInt8(b0)); stack.removeAll(keepingCapacity: true); i += 1
            case 19, 20:   // hintmask, cntrmask: the mask has a bit per stem, implicit vstems included
                stems += stack.count / 2
                let length = (stems + 7) / 8
                output += bytes[i..<min(i + 1 + length, bytes.count)]; stack.removeAll(keepingCapacity: true); i += 1 + length
            case 12:
                output += bytes[i..<min(i + 2, bytes.count)]; stack.removeAll(keepingCapacity: true); i += 2
            default:
                output.append(UInt8(b0)); stack.removeAll(keepingCapacity: true); i += 1
            }
        }
    }

    /// An operand of `count` bytes at `start`; a number cut short at the program's end is copied as far as it goes.
    private mutating func push(_ value: Int, _ bytes: [UInt8], _ start: Int, _ count: Int) {
        stack.append((output.count, value))
        for k in start..<min(start + count, bytes.count) { output.append(bytes[k]) }
    }
}
