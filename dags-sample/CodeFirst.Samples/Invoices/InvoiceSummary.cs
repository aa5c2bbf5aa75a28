namespace CodeFirst.Samples.Invoices;

public sealed record InvoiceSummary(int Files, int Invoices, decimal Gross, string LargestFile);
