export { planClusterNetwork, stagesOf, type ChainFirms, type ClusterNetworkGroup, type ClusterNetworkStage, type ClusterNetworkOptions, type ClusterNetworkResult } from './plan-cluster-network.js';
