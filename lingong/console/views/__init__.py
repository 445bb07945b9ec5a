"""The staff console: one module per flow, thin views over the services and selectors."""
