using CriterionCheck.Kernel;
using CriterionCheck.Spec;
using CriterionCheck.Symbolics.Parsing;
using CriterionCheck.Tests.Kernel.Tampering;

namespace CriterionCheck.Tests.Kernel;

/// <summary>
/// A certificate file that is not a certificate (<see cref="MalformedCertificates"/>) is never read as one:
/// <see cref="CertificateJson.Read"/> throws a <see cref="SpecException"/> that carries the source and points at
/// the offending character, whose diagnostic reads <c>file:line:column: message</c>, the line and a caret.
/// </summary>
public class MalformedCertificateJsonTests
{
    public static IEnumerable<object[]> Cases => MalformedCertificates.Rows;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reading_fails_with_a_located_error(string name)
    {
        var c = MalformedCertificates.Get(name);
        var model = GenuineEvidence.Of(c.Spec).Model;
        var e = Assert.Throws<SpecException>(() => CertificateJson.Read(model, new SourceText("bad.json", c.Json)));
        Assert.NotNull(e.SourceText);
        Assert.Contains(c.Fragment, e.Message, StringComparison.Ordinal);
        var (line, column) = c.Position;
        var lines = e.Diagnostic.Split('\n');
        Assert.True(lines[0].StartsWith($"bad.json:{line}:{column}: ", StringComparison.Ordinal), $"expected bad.json:{line}:{column}: …, got:\n{e.Diagnostic}");
        Assert.Equal(3, lines.Length);
        Assert.Contains('^', lines[2]);
    }

    [Fact]
    public void The_cases_splice_their_faults_into_certificates_the_kernel_accepts()
    {
        var pca = GenuineEvidence.Of("model-specs/probabilistic-pca.model").Model;
        var (certificate, _) = CertificateJson.Read(pca, new SourceText("good.json", MalformedCertificates.GenuineGroups));
        Assert.True(CertificateKernel.Check(pca, certificate!).Accepted);
        var factorization = GenuineEvidence.Of("model-specs/poisson-factorization.model").Model;
        var (_, witness) = CertificateJson.Read(factorization, new SourceText("good.json", MalformedCertificates.GenuineWitness));
        Assert.True(CertificateKernel.Check(factorization, witness!).Accepted);
    }
}
