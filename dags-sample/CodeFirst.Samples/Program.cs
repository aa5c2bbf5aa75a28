using CodeFirst;
using CodeFirst.Samples.IotAlerts;
using CodeFirst.Samples.Orders;
using Microsoft.Extensions.DependencyInjection;

return await CodeFirstApp.RunAsync(args, services => services
    .AddSingleton<IOrdersSource>(new CsvOrdersSource(Path.Combine(AppContext.BaseDirectory, "data", "orders.csv")))
    .AddIotAlerts(Environment.GetEnvironmentVariable("IOT_QUEUE_DB")));
