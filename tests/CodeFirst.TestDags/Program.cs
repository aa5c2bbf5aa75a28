return await CodeFirst.CodeFirstApp.RunAsync(args);
