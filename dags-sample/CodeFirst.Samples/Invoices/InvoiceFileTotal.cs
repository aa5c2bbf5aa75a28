namespace CodeFirst.Samples.Invoices;

/// <summary>What one mapped instance reports about one invoice file.</summary>
public sealed record InvoiceFileTotal(string File, int Invoices, decimal Net, decimal Gross);
