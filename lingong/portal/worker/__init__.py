"""The worker door (/w/): the worker's own phone; one module per flow, thin views over the services."""
