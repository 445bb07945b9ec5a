"""The employer door (/e/): one module per flow, thin views over the services."""
