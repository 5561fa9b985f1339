"""The cooperation space: territory, provisioning, protocol clients and the embedded servers."""
