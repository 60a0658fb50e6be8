/** The API's feature modules, one per area; each owns its controllers, DTOs and the services it uses. */
export const FEATURE_MODULES = [];
