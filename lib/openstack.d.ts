// Types of ./openstack.js: the generated bindings' index.
export * from "../.gen/providers/openstack";
