using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CriterionCheck.Cli.Commands;
using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Reports;

/// <summary>
/// <c>check --junit FILE</c>: the result as JUnit XML, the format CI test views read. The structure is
/// that of the JUnit schema CI servers validate against (junit-10.xsd): <c>testsuites</c> holding one
/// <c>testsuite</c> with <c>properties</c>, a <c>testcase</c> per spec, <c>system-out</c> and
/// <c>system-err</c>; the suite also carries every attribute the stricter Ant schema requires (timestamp,
/// hostname, id, package). A verdict that differs from the spec's <c>expect</c> is a <c>failure</c>; a spec
/// that cannot be read is an <c>error</c>; nothing is skipped.
/// </summary>
public static class CheckJunitReport
{
    /// <summary>The JUnit document for <paramref name="specs"/>, checked in <paramref name="total"/> starting at <paramref name="started"/>.</summary>
    public static string Render(IReadOnlyList<CheckedSpec> specs, TimeSpan total, DateTime started)
    {
        var failures = specs.Count(s => s.Check is { AsExpected: false });
        var errors = specs.Count(s => s.Check is null);
        var suite = new XElement("testsuite",
            new XAttribute("name", "criterion-check check"),
            new XAttribute("package", "criterion-check"),
            new XAttribute("id", 0),
            new XAttribute("timestamp", started.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("hostname", Hostname()),
            new XAttribute("tests", specs.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", errors),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(total)),
            new XElement("properties"),
            specs.Select(TestCase),
            new XElement("system-out", string.Concat(specs.Select(s => s.Check is { } c ? CheckTextReport.Render(c) + "\n" : ""))),
            new XElement("system-err", string.Concat(specs.Where(s => s.Error is not null).Select(s => s.Error + "\n"))));
        var root = new XElement("testsuites",
            new XAttribute("name", "criterion-check"),
            new XAttribute("tests", specs.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", errors),
            new XAttribute("time", Seconds(total)),
            suite);
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new System.Text.UTF8Encoding(false) };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings)) new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Save(writer);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Why a checked spec's verdict differs from its claim, e.g. "expected satisfied, got violated: …".</summary>
    public static string FailureMessage(ModelCheck check) =>
        $"expected {check.Model.Claim}, got {CheckTextReport.Name(check.Verdict)}: {Reason(check)}";

    private static XElement TestCase(CheckedSpec spec)
    {
        var (classname, name) = Names(spec.File);
        var element = new XElement("testcase", new XAttribute("classname", classname), new XAttribute("name", name), new XAttribute("time", Seconds(spec.Time)));
        if (spec.Check is { AsExpected: false } check)
            element.Add(new XElement("failure", new XAttribute("message", FailureMessage(check)), new XAttribute("type", "verdict"), CheckTextReport.Render(check)));
        else if (spec.Check is null)
            element.Add(new XElement("error", new XAttribute("message", spec.Error!.Split('\n')[0]), new XAttribute("type", "spec"), spec.Error));
        return element;
    }

    private static string Reason(ModelCheck check) => check.Verdict switch
    {
        Verdict.Satisfied => $"the criterion holds: ELBO = entropy sum at every point where F is stationary with respect to {string.Join(", ", check.Result.StationaryIn)}",
        Verdict.Violated => string.Join("; ", check.Result.Groups.Select(g => g.Witness).OfType<Witness>().Select(w => $"{string.Join(", ", w.Factors)}: {w.Reason}")),
        _ => check.Reason ?? "no verdict",
    };

    // classname is the spec's folder and name its file name, so classname/name is the path CI shows;
    // paths under the working directory are written relative to it, as a CI job passes them.
    private static (string Classname, string Name) Names(string file)
    {
        var full = Path.GetFullPath(file);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        var folder = Path.GetDirectoryName(shown);
        return (string.IsNullOrEmpty(folder) ? "." : folder.Replace('\\', '/'), Path.GetFileName(shown));
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Hostname()
    {
        try { return System.Net.Dns.GetHostName(); }
        catch (System.Net.Sockets.SocketException) { return "localhost"; }
    }
}
