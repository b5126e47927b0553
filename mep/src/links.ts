/** Absolute URIs of the resources, built on MEP_API_ROOT (used in Location headers, _links and notifications). */
export const SERVICE_MGMT = "/mec_service_mgmt/v1";
export const APP_SUPPORT = "/mec_app_support/v1";
/** 3.x app registration lives under a v2 root, as in the ETSI MEC sandbox. */
export const APP_SUPPORT_V2 = "/mec_app_support/v2";
export const MANAGEMENT = "/mecaas_mgmt/v1";

const seg = encodeURIComponent;

export class Links {
  constructor(readonly apiRoot: string) {}

  service(serviceId: string) {
    return `${this.apiRoot}${SERVICE_MGMT}/services/${seg(serviceId)}`;
  }
  appServices(appInstanceId: string) {
    return `${this.apiRoot}${SERVICE_MGMT}/applications/${seg(appInstanceId)}/services`;
  }
  appService(appInstanceId: string, serviceId: string) {
    return `${this.appServices(appInstanceId)}/${seg(serviceId)}`;
  }
  liveness(appInstanceId: string, serviceId: string) {
    return `${this.appService(appInstanceId, serviceId)}/liveness`;
  }
  subscriptions(root: string, appInstanceId: string) {
    return `${this.apiRoot}${root}/applications/${seg(appInstanceId)}/subscriptions`;
  }
  subscription(root: string, appInstanceId: string, subscriptionId: string) {
    return `${this.subscriptions(root, appInstanceId)}/${seg(subscriptionId)}`;
  }
  rules(segment: "traffic_rules" | "dns_rules", appInstanceId: string) {
    return `${this.apiRoot}${APP_SUPPORT}/applications/${seg(appInstanceId)}/${segment}`;
  }
  confirmTermination(appInstanceId: string) {
    return `${this.apiRoot}${APP_SUPPORT}/applications/${seg(appInstanceId)}/confirm_termination`;
  }
  registration(appInstanceId: string) {
    return `${this.apiRoot}${APP_SUPPORT_V2}/registrations/${seg(appInstanceId)}`;
  }
  appInstance(appInstanceId: string) {
    return `${this.apiRoot}${MANAGEMENT}/app_instances/${seg(appInstanceId)}`;
  }
  tokenEndpoint() {
    return `${this.apiRoot}/oauth/token`;
  }
}
