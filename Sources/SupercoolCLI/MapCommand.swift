import ArgumentParser
import Foundation
import Cosmology
import EffectivePotential
import ParameterScan
import SupercoolPlot
import TransitionHistory

struct MapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "SVG maps from a scan database: the completion window in (λ, g_D), or heat maps of a column over two scanned axes.",
        discussion: """
        supercool map --db FILE --window [--at V] [-o window.svg]: g_roll(λ), g_min(λ), g_max(λ) and the completing band, \
        y = g/g_roll(λ) − 1 (signed log by default). The edges between neighbouring g of each λ are refined by bisection \
        (--steps, 12 as in `completion`) with the scan's own conventions and cached in the database (table window_edges): \
        re-running is instant. supercool map --db FILE --heat KEY --x AXIS --y AXIS [--at VALUE] [-o heat.svg]: KEY is a \
        numeric column (Tp_MeV, alpha, HR, beta_over_H, lnL, …), AXIS one of v, lambda (or y), g, g_rel. A third axis \
        with several values needs --at (the slice nearest, within 1 %); sampled designs are projected instead. \
        Non-completing points are marked by outcome. README "Maps".
        """)

    @Option(help: "The scan database (read; --window adds the table window_edges).")
    var db: String

    @Flag(help: "The completion window in the (λ, g_D) plane.")
    var window = false

    @Option(help: "Heat map of this numeric column (Tc_MeV … Treh_MeV, alpha, beta_over_H, betaV_over_H, HR, min_S3_over_T, lnL, wall_seconds).")
    var heat: String?

    @Option(name: .customLong("x"), help: "Heat map x axis: v, lambda (or y), g or g_rel.")
    var xAxis: String?

    @Option(name: .customLong("y"), help: "Heat map y axis: v, lambda (or y), g or g_rel.")
    var yAxis: String?

    @Option(parsing: .unconditional, help: "The value of the scanned axis not drawn (v for --window), when it has several.")
    var at: Double?

    @Option(name: .customLong("color-scale"), help: "auto (log when the values are positive and span > 30×), log or linear.")
    var colorScale: ScaleChoice = .auto

    @Option(name: .customLong("x-scale"), help: "auto (the scan axis's own: log or linear), linear, log or symlog.")
    var xScale: ScaleChoice = .auto

    @Option(name: .customLong("y-scale"), help: "auto (window: symlog; heat: the scan axis's own), linear, log or symlog.")
    var yScale: ScaleChoice = .auto

    @Option(parsing: .unconditional, help: "--window: bisection steps per edge (1…40, default 12).")
    var steps: Int = 12

    @Option(parsing: .unconditional, help: "--window: edges refined in parallel (default: the number of cores).")
    var jobs: Int?

    @Option(name: .shortAndLong, help: "Output SVG (default window.svg or heat.svg).")
    var output: String?

    enum ScaleChoice: String, ExpressibleByArgument, CaseIterable { case auto, linear, log, symlog }

    func run() async throws {
        guard window != (heat != nil) else { throw UsageError("give exactly one of --window and --heat KEY") }
        if window, xAxis != nil || yAxis != nil { throw UsageError("--x/--y apply to --heat (the window map is λ × g/g_roll − 1)") }
        if window, colorScale != .auto { throw UsageError("--color-scale applies to --heat") }
        guard (1...40).contains(steps) else { throw UsageError("--steps must be in 1…40, got \(steps)") }
        let output = self.output ?? (window ? "window.svg" : "heat.svg")
        try OutputFile.validate(output, option: "-o")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: db, isDirectory: &isDirectory), isDirectory.boolValue {
            throw UsageError("--db: \(db) is a directory; give a scan database")
        }
        let store: ScanStore
        do { store = try ScanStore(readingFrom: db) } catch let e as ScanStore.Failure { throw UsageError("--db: \(e)") } catch let e as SQLiteError {
            throw UsageError("--db: \(db) is not a Supercool scan database (\(e.message))")
        }
        let records = try store.records()
        let document: String, summary: String
        do {
            if window {
                (document, summary) = try await windowMap(store: store, records: records)
            } else {
                (document, summary) = try heatMap(store: store, records: records)
            }
        } catch let e as MapError {
            throw UsageError(e.description)
        }
        try FiniteText.check(document, "the SVG")
        try OutputFile.write(document, to: output, option: "-o")
        print("wrote \(output): \(summary)")
    }

    // MARK: Heat map

    func heatMap(store: ScanStore, records: [ScanRecord]) throws -> (String, String) {
        let spec = store.spec
        guard let xText = xAxis else { throw UsageError("--heat needs --x AXIS (v, \(spec.secondName), g or g_rel)") }
        guard let yText = yAxis else { throw UsageError("--heat needs --y AXIS (v, \(spec.secondName), g or g_rel)") }
        let key = try MapKey.validate(heat!)
        let x = try MapAxis.parse(xText, spec: spec, option: "--x"), y = try MapAxis.parse(yText, spec: spec, option: "--y")
        let data = try HeatMapData.make(records: records, spec: spec, key: key, x: x, y: y, at: at)
        let xs = try scale(xScale, axis: x, spec: spec, values: data.points.map(\.x), option: "--x-scale", windowDefault: false)
        let ys = try scale(yScale, axis: y, spec: spec, values: data.points.map(\.y), option: "--y-scale", windowDefault: false)
        let values = data.points.compactMap(\.value)
        let logColour: Bool
        switch colorScale {
        case .auto: logColour = MapKey.prefersLog(values)
        case .log:
            guard values.allSatisfy({ $0 > 0 }) else { throw UsageError("--color-scale log: \(key) has values ≤ 0; use linear") }
            logColour = true
        case .linear: logColour = false
        case .symlog: throw UsageError("--color-scale is auto, log or linear")
        }

        let (W, H) = (1060.0, 660.0)
        let right = 420.0
        // Cells: bounds halfway between grid values (in the axis's own coordinate); the frame covers them exactly.
        var xBounds: [(lower: Double, upper: Double)] = [], yBounds: [(lower: Double, upper: Double)] = []
        let xAxisFrame: ScaledAxis, yAxisFrame: ScaledAxis
        if let grid = data.grid {
            xBounds = HeatMapData.cellBounds(grid.x, transform: xs.transform, inverse: xs.inverse)
            yBounds = HeatMapData.cellBounds(grid.y, transform: ys.transform, inverse: ys.inverse)
            xAxisFrame = ScaledAxis(scale: xs, lower: xBounds.first!.lower, upper: xBounds.last!.upper)
            yAxisFrame = ScaledAxis(scale: ys, lower: yBounds.first!.lower, upper: yBounds.last!.upper)
        } else {
            xAxisFrame = ScaledAxis.covering(data.points.map(\.x), scale: xs, padding: 0.04)!
            yAxisFrame = ScaledAxis.covering(data.points.map(\.y), scale: ys, padding: 0.04)!
        }
        let frame = MapFrame(width: W, height: H, left: 100, right: right, top: 80, bottom: 78, x: xAxisFrame, y: yAxisFrame)
        var svg = SVGDocument(width: W, height: H)
        svg.defineClip(id: "frame", to: PlotFrame(width: W, height: H, left: frame.left, right: frame.right, top: frame.top, bottom: frame.bottom,
                                                  x: LogAxis(log10From: 0, to: 1), y: LogAxis(log10From: 0, to: 1)))
        let colourAxis: ScaledAxis? = values.isEmpty ? nil : {
            let lo = values.min()!, hi = values.max()!
            if logColour { return lo == hi ? ScaledAxis(scale: .log, lower: lo / 1.5, upper: hi * 1.5) : ScaledAxis(scale: .log, lower: lo, upper: hi) }
            return lo == hi ? ScaledAxis(scale: .linear, lower: lo - 0.5 * max(abs(lo), 1), upper: hi + 0.5 * max(abs(hi), 1))
                : ScaledAxis(scale: .linear, lower: lo, upper: hi)
        }()
        func colour(_ v: Double) -> String { ColorMap.viridis.hex(colourAxis.map { $0.fraction(v) } ?? 0.5) }
        let noValue = "#f2d7d5"
        var outcomes = [String: Int]()
        var missingValue = 0
        svg.beginGroup(clipPath: "frame")
        if let grid = data.grid {
            let xi = Dictionary(uniqueKeysWithValues: grid.x.enumerated().map { ($1, $0) })
            let yi = Dictionary(uniqueKeysWithValues: grid.y.enumerated().map { ($1, $0) })
            for p in data.points {
                let bx = xBounds[xi[p.x]!], by = yBounds[yi[p.y]!]
                let x0 = frame.x(bx.lower), x1 = frame.x(bx.upper), y0 = frame.y(by.upper), y1 = frame.y(by.lower)
                let fill: String
                if let v = p.value { fill = colour(v) } else if outcomeCompletes(p.status) == true { fill = noValue; missingValue += 1 } else { fill = "#d9d9d9" }
                svg.rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0, fill: fill, stroke: fill, strokeWidth: 0.4, cssClass: "cell")
            }
            for p in data.points where outcomeCompletes(p.status) != true {
                outcomes[p.status, default: 0] += 1
                let bx = xBounds[xi[p.x]!], by = yBounds[yi[p.y]!]
                let size = min(10, 0.6 * min(abs(frame.x(bx.upper) - frame.x(bx.lower)), abs(frame.y(by.lower) - frame.y(by.upper))))
                let st = OutcomeStyle.of(p.status)
                svg.marker(st.shape, x: frame.x(p.x), y: frame.y(p.y), size: max(size, 3), fill: st.color, stroke: st.stroke, strokeWidth: 0.6)
            }
        } else {
            for p in data.points where outcomeCompletes(p.status) != true {
                outcomes[p.status, default: 0] += 1
                let st = OutcomeStyle.of(p.status)
                svg.marker(st.shape, x: frame.x(p.x), y: frame.y(p.y), size: 7, fill: st.color, stroke: st.stroke, strokeWidth: 0.6)
            }
            for p in data.points where outcomeCompletes(p.status) == true {
                if p.value == nil { missingValue += 1 }
                svg.marker(.circle, x: frame.x(p.x), y: frame.y(p.y), size: 9, fill: p.value.map(colour) ?? noValue, stroke: "#333333",
                           strokeWidth: 0.5, cssClass: "point")
            }
        }
        svg.endGroup()
        svg.axes(frame, xTitle: x.title(spec), yTitle: y.title(spec), grid: false)
        let slice = data.note.map { " at \($0)" } ?? ""
        svg.text("Supercool scan: \(MapKey.title(key))\(slice)", x: frame.left, y: 26, fontSize: 17, markup: true)
        subtitle(&svg, spec: spec, x: frame.left, y: 46)
        let barX = W - right + 24
        if let colourAxis {
            svg.colorBar(map: .viridis, axis: colourAxis, x: barX, y: frame.top, width: 18, height: frame.plotHeight,
                         title: MapKey.title(key) + (logColour ? " (log scale)" : ""), titleOffset: 72)
        } else {
            svg.text("no completing point has a value", x: barX, y: frame.top + 14, fontSize: 12, fill: "#555555")
        }
        var entries: [Legend.Entry] = [.caption("coloured: completes (\(data.points.count - outcomes.values.reduce(0, +)) points)", fill: "#333333")]
        if missingValue > 0 { entries.append(.swatch(label: "completes, no \(key) (\(missingValue))", color: "#d98880")) }
        if !outcomes.isEmpty {
            entries.append(.caption(data.isGrid ? "grey: does not complete, by outcome" : "does not complete, by outcome", fill: "#333333"))
            entries += OutcomeStyle.legend(outcomes)
        }
        Legend(x: barX + 112, y: frame.top + 10, lineHeight: 19, entries: entries).draw(into: &svg)
        let summary = "\(data.points.count) points\(slice) (\(data.isGrid ? "grid: \(data.grid!.x.count) × \(data.grid!.y.count) cells" : "markers")), "
            + "\(key) on a \(logColour ? "log" : "linear") colour scale" + (values.isEmpty ? "" : String(format: " from %.4g to %.4g", values.min()!, values.max()!))
        return (svg.rendered, summary)
    }

    /// The axis scale: a forced choice, or the scan axis's own (log/linear; a log axis over negative values as symlog).
    func scale(_ choice: ScaleChoice, axis: MapAxis, spec: ScanSpec, values: [Double], option: String, windowDefault: Bool) throws -> AxisScale {
        let positive = values.allSatisfy { $0 > 0 }
        func threshold() -> Double {
            let small = values.map(abs).filter { $0 > 0 }.min() ?? 1
            return pow(10, floor(log10(small)))
        }
        switch choice {
        case .linear: return .linear
        case .log:
            guard positive else { throw UsageError("\(option) log: \(axis.name(spec)) has values ≤ 0; use linear or symlog") }
            return .log
        case .symlog: return .symlog(threshold: threshold())
        case .auto:
            if let a = axis.specAxis(spec), a.logarithmic { return positive ? .log : .symlog(threshold: threshold()) }
            if axis == .vev && positive { return .log }
            return .linear
        }
    }

    func subtitle(_ svg: inout SVGDocument, spec: ScanSpec, x: Double, y: Double) {
        svg.text("\(spec.model.rawValue), potential \(spec.potentialConventions.label), bounces at v = \(spec.referenceVev) GeV rescaled; \(transitionLabel(spec.conventions).components(separatedBy: ", g*").first ?? "")",
                 x: x, y: y, fontSize: 11, fill: "#444444")
        let g = transitionLabel(spec.conventions).components(separatedBy: ", g*").dropFirst().joined(separator: ", g*")
        if !g.isEmpty { svg.text("g*" + g, x: x, y: y + 14, fontSize: 11, fill: "#444444") }
    }

    // MARK: Window

    func windowMap(store: ScanStore, records: [ScanRecord]) async throws -> (String, String) {
        let spec = store.spec
        let (vev, columns, note) = try CompletionWindow.columns(records: records, spec: spec, at: at)
        var brackets = [WindowBracket]()
        var unrefinable = 0
        for c in columns {
            let b = CompletionWindow.brackets(c)
            brackets += b.brackets; unrefinable += b.unrefinable
        }
        // Cached edges first; the rest refined now (each committed as it finishes, so an interrupted run keeps them).
        var cached = [WindowEdge]()
        var cacheWritable = true
        do { cached = try store.cachedWindowEdges(vev: vev) } catch { cacheWritable = false }
        let known = Set(cached.filter { $0.steps == steps }.map(\.bracket))
        let todo = brackets.filter { !known.contains($0) }.count
        let jobs = try defaultJobs(self.jobs)
        let start = Date()
        var edges = cached
        if todo > 0 {
            FileHandle.standardError.write("refining \(todo) window edge(s) (\(brackets.count - todo) cached), \(steps) bisection steps each, \(jobs) at a time …\n".data(using: .utf8)!)
            let resources = try ProjectResources.locate()
            let table = try StandardModelDegreesOfFreedom(resources: resources)
            let evaluator = WindowEvaluator(spec: spec, vev: vev, standardModel: table)
            var done = 0
            edges = try await CompletionWindow.refineAll(brackets, steps: steps, jobs: jobs, cached: cached, evaluator: evaluator) { e in
                done += 1
                FileHandle.standardError.write(String(format: "[%d/%d] λ = %.5g %@: g ∈ [%.8g, %.8g] (%.1f s)%@\n", done, todo, e.bracket.second,
                                                      e.bracket.edge == .lower ? "g_min" : "g_max", min(e.gInside, e.gOutside), max(e.gInside, e.gOutside),
                                                      e.seconds, e.note.map { "; " + $0 } ?? "").data(using: .utf8)!)
                guard cacheWritable else { return }
                do { try store.saveWindowEdge(e, vev: vev) } catch {
                    cacheWritable = false
                    FileHandle.standardError.write("note: cannot cache edges in \(db) (\(error)); the map is drawn all the same\n".data(using: .utf8)!)
                }
            }
        } else {
            edges = CompletionWindowSelection.select(cached, brackets: brackets, steps: steps)
        }
        let refineSeconds = Date().timeIntervalSince(start)

        // Frame: x = λ (log), y = g/g_roll − 1 (symlog by default: g_min sits O(1) below g_roll, g_max ~1e-3 above).
        let lambdas = columns.map(\.second)
        let pointY = columns.flatMap { c in c.points.map { c.relative($0.gauge) } }.filter(\.isFinite)
        let edgeY = edges.compactMap { e -> Double? in
            columns.first { $0.second == e.bracket.second }.map { $0.relative(e.gauge) }
        }
        let ys: AxisScale
        switch yScale {
        case .auto, .symlog:
            // Linear within ±10^k, the decade of the edge closest to g_roll.
            let edgeSmall: Double? = edgeY.map { abs($0) }.filter { $0 > 0 }.min()
            let pointSmall: Double? = pointY.map { abs($0) }.filter { $0 > 0 }.min()
            let small: Double = edgeSmall ?? pointSmall ?? 1e-3
            ys = .symlog(threshold: pow(10, floor(log10(small))))
        case .linear: ys = .linear
        case .log:
            guard pointY.allSatisfy({ $0 > 0 }) else { throw UsageError("--y-scale log: g/g_roll − 1 has values ≤ 0 here; use symlog or linear") }
            ys = .log
        }
        let xs: AxisScale
        switch xScale {
        case .auto, .log:
            guard lambdas.allSatisfy({ $0 > 0 }) else { throw UsageError("--x-scale log: λ must be positive") }
            xs = .log
        case .linear: xs = .linear
        case .symlog: throw UsageError("--x-scale for --window is log or linear")
        }
        let (W, H) = (1000.0, 680.0)
        let right = 300.0
        let frame = MapFrame(width: W, height: H, left: 100, right: right, top: 90, bottom: 78,
                             x: ScaledAxis.covering(lambdas, scale: xs, padding: 0.03)!, y: ScaledAxis.covering(pointY + edgeY, scale: ys, padding: 0.04)!)
        var svg = SVGDocument(width: W, height: H)
        svg.defineClip(id: "frame", to: PlotFrame(width: W, height: H, left: frame.left, right: frame.right, top: frame.top, bottom: frame.bottom,
                                                  x: LogAxis(log10From: 0, to: 1), y: LogAxis(log10From: 0, to: 1)))
        let bands = columns.compactMap { CompletionWindow.band($0, edges: edges) }
        svg.beginGroup(clipPath: "frame")
        // The band: one polygon per run of consecutive λ columns that have a completing interval.
        var run = [CompletionWindow.Band]()
        func flush() {
            guard !run.isEmpty else { return }
            let top = run.map { (x: frame.x($0.second), y: frame.y($0.upper)) }
            let bottom = run.reversed().map { (x: frame.x($0.second), y: frame.y($0.lower)) }
            if run.count == 1 {
                let b = run[0]
                svg.rect(x: frame.x(b.second) - 4, y: frame.y(b.upper), width: 8, height: frame.y(b.lower) - frame.y(b.upper), fill: "#2ca02c", fillOpacity: 0.25)
            } else {
                svg.polygon(top + bottom, fill: "#2ca02c", fillOpacity: 0.22)
            }
            run = []
        }
        for c in columns {
            if let b = bands.first(where: { $0.second == c.second }) { run.append(b) } else { flush() }
        }
        flush()
        // g_roll(λ): y = 0.
        svg.polyline([(x: frame.left, y: frame.y(0)), (x: frame.left + frame.plotWidth, y: frame.y(0))], stroke: "black", width: 1.4, dash: "7 4")
        // Scan points: completing ones small, the others by outcome.
        var outcomes = [String: Int]()
        for c in columns {
            for p in c.points {
                let y = c.relative(p.gauge)
                if p.completes == true {
                    svg.marker(.circle, x: frame.x(c.second), y: frame.y(y), size: 3.2, fill: "#1b5e20", stroke: "none", strokeWidth: 0)
                } else {
                    outcomes[p.status, default: 0] += 1
                    let st = OutcomeStyle.of(p.status)
                    svg.marker(st.shape, x: frame.x(c.second), y: frame.y(y), size: 7, fill: st.color, stroke: st.stroke, strokeWidth: 0.6)
                }
            }
        }
        // The edges: g_min (lower) and g_max (upper) lines through the refined edges, one point per λ.
        for (kind, colour) in [(WindowBracket.Edge.lower, "#1f4e9c"), (.upper, "#c0392b")] {
            let pts = columns.compactMap { c -> (x: Double, y: Double)? in
                let mine = edges.filter { $0.bracket.second == c.second && $0.bracket.edge == kind }.map(\.gauge)
                guard let g = kind == .lower ? mine.min() : mine.max() else { return nil }
                return (x: frame.x(c.second), y: frame.y(c.relative(g)))
            }
            svg.polyline(pts, stroke: colour, width: 2.2)
            for p in pts { svg.marker(.circle, x: p.x, y: p.y, size: 5.5, fill: colour, stroke: "white", strokeWidth: 0.8) }
        }
        svg.endGroup()
        svg.axes(frame, xTitle: "λ (scalar quartic coupling)", yTitle: MapAxis.gaugeRelative.title(spec))
        let vText = String(format: "v_φ = %.4g GeV", vev)
        svg.text("Completion window of the dark U(1) transition, \(vText)", x: frame.left, y: 26, fontSize: 17)
        subtitle(&svg, spec: spec, x: frame.left, y: 46)
        // The widest final bracket, in g/g_roll: the resolution of the edges drawn.
        let resolution = edges.compactMap { e -> Double? in
            columns.first { $0.second == e.bracket.second }.map { abs(e.gInside - e.gOutside) / $0.rollingCoupling }
        }.max() ?? 0
        svg.text(String(format: "edges: %d bisection steps between neighbouring scan points (resolved to %.1e in g/g_roll); y axis: %@", steps, resolution,
                        { if case .symlog(let c) = ys { return String(format: "signed log, linear within ±%.0e", c) } else { return ys == .log ? "log" : "linear" } }()),
                 x: frame.left, y: 74, fontSize: 11, fill: "#444444")
        let legendX = W - right + 22
        var entries: [Legend.Entry] = [
            .swatch(label: "completes (band between edges)", color: "#2ca02c"),
            .line(label: "g_max(λ)", color: "#c0392b"),
            .line(label: "g_min(λ)", color: "#1f4e9c"),
            .text("– – g_roll(λ) (y = 0)", fill: "black"),
            .marker(label: "scan point that completes", shape: .circle, fill: "#1b5e20", stroke: "none"),
        ]
        if !outcomes.isEmpty {
            entries.append(.caption("does not complete, by outcome:", fill: "#333333"))
            entries += OutcomeStyle.legend(outcomes)
        }
        if bands.contains(where: { $0.openBelow || $0.openAbove }) {
            entries.append(.caption("band open at the scan's end where the", fill: "#555555"))
            entries.append(.caption("edge lies beyond the scanned g", fill: "#555555"))
        }
        Legend(x: legendX, y: frame.top + 12, lineHeight: 20, entries: entries).draw(into: &svg)
        let stopped = edges.filter { $0.note != nil }.count
        var summary = "\(columns.count) λ values at \(vText)\(note == nil ? "" : ""), \(edges.count) edges (\(todo) refined now in \(String(format: "%.1f", refineSeconds)) s, \(edges.count - todo) from the cache)"
        if unrefinable > 0 { summary += "; \(unrefinable) neighbour pair(s) next to an internal error not bracketed" }
        if stopped > 0 { summary += "; \(stopped) edge(s) stopped early at an internal error" }
        return (svg.rendered, summary)
    }
}

/// Cached edges for exactly the brackets asked for.
enum CompletionWindowSelection {
    static func select(_ cached: [WindowEdge], brackets: [WindowBracket], steps: Int) -> [WindowEdge] {
        var byBracket = [WindowBracket: WindowEdge]()
        for e in cached where e.steps == steps { byBracket[e.bracket] = e }
        return brackets.compactMap { byBracket[$0] }
    }
}

/// How each outcome is marked on maps (shape, fill, stroke), in `TransitionOutcome.allCodes` order.
enum OutcomeStyle {
    struct Style { let shape: MarkerShape; let color: String; let stroke: String }
    static let styles: [String: Style] = [
        "completes": Style(shape: .circle, color: "#1b5e20", stroke: "none"),
        "percolates_then_rolls": Style(shape: .circle, color: "#66bb6a", stroke: "#1b5e20"),
        "no_critical_temperature": Style(shape: .square, color: "#9e9e9e", stroke: "#424242"),
        "symmetric_phase_deeper": Style(shape: .triangleDown, color: "#8d6e63", stroke: "#3e2723"),
        "no_barrier_at_Tc": Style(shape: .diamond, color: "#cddc39", stroke: "#616100"),
        "nucleates_at_Tc": Style(shape: .star, color: "#26c6da", stroke: "#006064"),
        "no_nucleation": Style(shape: .xCross, color: "#d32f2f", stroke: "#d32f2f"),
        "rolls_before_percolation": Style(shape: .triangleUp, color: "#ffa726", stroke: "#8a4b00"),
        "no_percolation": Style(shape: .cross, color: "#7b1fa2", stroke: "#7b1fa2"),
        "percolates_without_Tf": Style(shape: .diamond, color: "#f48fb1", stroke: "#880e4f"),
        "percolates_without_shrinking": Style(shape: .triangleUp, color: "#64b5f6", stroke: "#0d47a1"),
        ScanRecord.internalError: Style(shape: .star, color: "black", stroke: "black"),
    ]
    static func of(_ code: String) -> Style { styles[code] ?? Style(shape: .star, color: "black", stroke: "black") }

    /// Legend entries for the outcomes present, in the documented order, with their counts.
    static func legend(_ counts: [String: Int]) -> [Legend.Entry] {
        let order = TransitionOutcome.allCodes + [ScanRecord.internalError]
        let known = order.filter { counts[$0] != nil }
        let others = counts.keys.filter { !order.contains($0) }.sorted()
        return (known + others).map { code in
            let s = of(code)
            return .marker(label: "\(code) (\(counts[code]!))", shape: s.shape, fill: s.color, stroke: s.stroke)
        }
    }
}
