export { planNetwork, stagesOf, type ChainFirms, type NetworkGroup, type NetworkStage, type PlanNetworkOptions, type PlanNetworkResult } from './plan-network.js';
