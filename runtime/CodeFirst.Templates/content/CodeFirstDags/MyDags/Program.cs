// Every role (standalone, scheduler, worker) and command (dags test, dags trigger, …) of this
// application; pass a callback to register the services your DAGs ask for.
return await CodeFirst.CodeFirstApp.RunAsync(args);
