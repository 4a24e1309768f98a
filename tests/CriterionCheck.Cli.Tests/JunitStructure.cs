using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// The JUnit schema's structure (junit-10.xsd, which CI servers validate against), written out as data:
/// per element its allowed children in order, its attributes with their types, and which are required.
/// There is no XSD validator among the available packages, so the test checks the same rules by hand;
/// the stricter Ant schema's required suite attributes (timestamp, hostname, id, package) are required too.
/// </summary>
public static class JunitStructure
{
    private enum Kind { Text, Int, Decimal, Timestamp }

    private sealed record Rule(string[] Children, Dictionary<string, (Kind Kind, bool Required)> Attributes, bool HasText);

    private static readonly Dictionary<string, Rule> Rules = new()
    {
        ["testsuites"] = new(["testsuite"], new()
        {
            ["name"] = (Kind.Text, false), ["time"] = (Kind.Decimal, false), ["tests"] = (Kind.Int, false),
            ["failures"] = (Kind.Int, false), ["disabled"] = (Kind.Int, false), ["errors"] = (Kind.Int, false),
        }, false),
        ["testsuite"] = new(["properties", "testcase", "system-out", "system-err"], new()
        {
            ["name"] = (Kind.Text, true), ["tests"] = (Kind.Int, true), ["failures"] = (Kind.Int, true), ["errors"] = (Kind.Int, true),
            ["time"] = (Kind.Decimal, true), ["timestamp"] = (Kind.Timestamp, true), ["hostname"] = (Kind.Text, true),
            ["id"] = (Kind.Int, true), ["package"] = (Kind.Text, true), ["skipped"] = (Kind.Int, false), ["disabled"] = (Kind.Int, false),
        }, false),
        ["properties"] = new(["property"], [], false),
        ["property"] = new([], new() { ["name"] = (Kind.Text, true), ["value"] = (Kind.Text, true) }, false),
        ["testcase"] = new(["skipped", "error", "failure", "system-out", "system-err"], new()
        {
            ["name"] = (Kind.Text, true), ["classname"] = (Kind.Text, true), ["time"] = (Kind.Decimal, true),
            ["assertions"] = (Kind.Text, false), ["status"] = (Kind.Text, false),
        }, false),
        ["failure"] = new([], new() { ["message"] = (Kind.Text, false), ["type"] = (Kind.Text, true) }, true),
        ["error"] = new([], new() { ["message"] = (Kind.Text, false), ["type"] = (Kind.Text, true) }, true),
        ["skipped"] = new([], new() { ["message"] = (Kind.Text, false) }, true),
        ["system-out"] = new([], [], true),
        ["system-err"] = new([], [], true),
    };

    /// <summary>Asserts the structure and that every count equals its elements; returns the single suite.</summary>
    public static XElement Validate(XDocument document)
    {
        var root = document.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Check(root);
        var suite = Assert.Single(root.Elements());
        // The suite holds properties, then the test cases, then system-out and system-err, each once.
        Assert.Equal("properties", suite.Elements().First().Name.LocalName);
        Assert.Equal(["system-out", "system-err"], suite.Elements().TakeLast(2).Select(e => e.Name.LocalName));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(cases.Count, Int(suite, "tests"));
        Assert.Equal(cases.Count(c => c.Element("failure") is not null), Int(suite, "failures"));
        Assert.Equal(cases.Count(c => c.Element("error") is not null), Int(suite, "errors"));
        Assert.Equal(cases.Count(c => c.Element("skipped") is not null), Int(suite, "skipped"));
        Assert.All(cases, c => Assert.True(c.Elements().Count(e => e.Name.LocalName is "failure" or "error") <= 1, $"{c.Attribute("name")}: more than one failure/error"));
        foreach (var attribute in new[] { "tests", "failures", "errors" })
            Assert.Equal(Int(suite, attribute), Int(root, attribute));
        return suite;
    }

    private static void Check(XElement element)
    {
        var name = element.Name.LocalName;
        Assert.True(element.Name.Namespace == XNamespace.None, $"{name} has a namespace");
        Assert.True(Rules.TryGetValue(name, out var rule), $"unknown element <{name}>");
        foreach (var attribute in element.Attributes())
        {
            Assert.True(rule!.Attributes.TryGetValue(attribute.Name.LocalName, out var spec), $"<{name}> does not allow the attribute {attribute.Name}");
            Assert.True(Valid(spec.Kind, attribute.Value), $"<{name} {attribute.Name}=\"{attribute.Value}\">: not a valid {spec.Kind}");
        }
        foreach (var (attribute, spec) in rule!.Attributes)
            if (spec.Required) Assert.True(element.Attribute(attribute) is not null, $"<{name}> lacks the required attribute {attribute}");
        var order = element.Elements().Select(e => Array.IndexOf(rule.Children, e.Name.LocalName)).ToList();
        Assert.True(order.All(i => i >= 0), $"<{name}> holds elements it may not: {string.Join(", ", element.Elements().Select(e => e.Name.LocalName))}");
        Assert.True(order.Zip(order.Skip(1)).All(p => p.First <= p.Second), $"<{name}>'s children are out of order");
        if (!rule.HasText) Assert.True(element.Nodes().OfType<XText>().All(t => string.IsNullOrWhiteSpace(t.Value)), $"<{name}> holds text");
        foreach (var child in element.Elements()) Check(child);
    }

    private static bool Valid(Kind kind, string value) => kind switch
    {
        Kind.Int => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _),
        Kind.Decimal => Regex.IsMatch(value, @"^[0-9]+(\.[0-9]+)?$"),
        Kind.Timestamp => Regex.IsMatch(value, @"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$"),
        _ => value.Length > 0,
    };

    private static int Int(XElement e, string attribute) => int.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
