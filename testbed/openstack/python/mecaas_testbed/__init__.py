"""Drivers that let the OpenStack test bed run on one machine without a data plane (see testbed/README.md)."""
