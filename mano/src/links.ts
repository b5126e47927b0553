/** Absolute URIs of the Edge MANO's resources, built on MANO_API_ROOT (Location headers, _links, notifications). */
export const APP_PKGM = "/app_pkgm/v1";
export const APP_LCM = "/app_lcm/v1";
export const GRANTING = "/granting/v1";

const seg = encodeURIComponent;

export class Links {
  constructor(readonly apiRoot: string) {}

  appPackages() {
    return `${this.apiRoot}${APP_PKGM}/app_packages`;
  }
  appPackage(appPkgId: string) {
    return `${this.appPackages()}/${seg(appPkgId)}`;
  }
  subscriptions(root: typeof APP_PKGM | typeof APP_LCM) {
    return `${this.apiRoot}${root}/subscriptions`;
  }
  subscription(root: typeof APP_PKGM | typeof APP_LCM, subscriptionId: string) {
    return `${this.subscriptions(root)}/${seg(subscriptionId)}`;
  }
  appInstances() {
    return `${this.apiRoot}${APP_LCM}/app_instances`;
  }
  appInstance(appInstanceId: string) {
    return `${this.appInstances()}/${seg(appInstanceId)}`;
  }
  opOccs() {
    return `${this.apiRoot}${APP_LCM}/app_lcm_op_occs`;
  }
  opOcc(opOccId: string) {
    return `${this.opOccs()}/${seg(opOccId)}`;
  }
  grant(grantId: string) {
    return `${this.apiRoot}${GRANTING}/grants/${seg(grantId)}`;
  }
}
